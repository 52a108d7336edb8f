package dev.nautilus.bus.redis;

import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.redis.partition.PartitionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads what Redis records of a group's partitions: owner, epoch, rebalances, lease left, lag. */
final class PartitionStatusReader {

    private PartitionStatusReader() {}

    static List<PartitionStatus> read(
            RedisTransport transport, PartitionLeases leases, SubscriptionSpec spec, StreamLanes lanes) {
        List<String> time = leases.await(transport.connections().async().time());
        long now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
        List<PartitionStatus> partitions = new ArrayList<>(leases.count());
        for (int n = 0; n < leases.count(); n++) {
            Map<String, String> state = leases.state(n);
            long expires = Long.parseLong(state.getOrDefault("expires", "0"));
            String owner = expires > now ? state.getOrDefault("owner", "") : "";
            long lag = 0;
            for (String lane : lanes.partitionLanes(spec.types(), n).keySet()) {
                long laneLag = lagOf(leases, transport, lane, spec.group());
                lag = lag < 0 || laneLag < 0 ? -1 : lag + laneLag;
            }
            partitions.add(new PartitionStatus(
                    transport.bus().key(),
                    spec.group(),
                    n,
                    owner,
                    Long.parseLong(state.getOrDefault("epoch", "0")),
                    Long.parseLong(state.getOrDefault("rebalances", "0")),
                    lag,
                    Math.max(0, expires - now)));
        }
        return partitions;
    }

    /** The group's {@code lag} on {@code lane} from {@code XINFO GROUPS}; 0 without a group, -1 when unknown. */
    private static long lagOf(PartitionLeases leases, RedisTransport transport, String lane, String group) {
        List<Object> groups;
        try {
            groups = leases.await(transport.connections().async().xinfoGroups(lane));
        } catch (RuntimeException noStream) {
            return 0;
        }
        for (Object info : groups) {
            if (info instanceof List<?> fields && fields.contains(group)) {
                for (int i = 0; i + 1 < fields.size(); i += 2) {
                    if ("lag".equals(String.valueOf(fields.get(i)))) {
                        Object lag = fields.get(i + 1);
                        return lag == null ? -1 : Long.parseLong(String.valueOf(lag));
                    }
                }
                return -1;
            }
        }
        return 0;
    }
}
