package dev.nautilus.bus.redis.monitor;

import dev.nautilus.bus.redis.partition.PartitionStatus;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The partition leases a Redis holds under a prefix, {@code <prefix>:<bus>:partition:<group>:<n>}
 * (on a cluster followed by the partition's hash tag): owner, epoch, rebalances and lease left,
 * with the group's lag summed over the partition's lanes (those it records as {@code origin:<lane>}
 * fields), read from the streams' sample.
 */
final class PartitionLeaseScan {

    private PartitionLeaseScan() {}

    /** The partition hashes under {@code prefix}; SCAN, like the streams, every rescan interval. */
    static Set<String> keys(RedisCommands<String, String> sync, String escapedPrefix) {
        KeyScanArgs args = new KeyScanArgs()
                .match(escapedPrefix + ":*:partition:*")
                .type("hash")
                .limit(1000);
        SortedSet<String> keys = new TreeSet<>();
        ScanIterator.scan(sync, args).forEachRemaining(keys::add);
        return keys;
    }

    /** Each partition of {@code keys} as recorded now; a key gone since the scan is skipped. */
    static List<PartitionStatus> read(
            RedisCommands<String, String> sync, String prefix, Set<String> keys, List<StreamInfo> streams) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<String> time = sync.time();
        long now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
        List<PartitionStatus> partitions = new ArrayList<>(keys.size());
        for (String key : keys) {
            Optional<String[]> parts = parse(prefix, key);
            Map<String, String> state = sync.hgetall(key);
            if (parts.isEmpty() || state.isEmpty()) {
                continue;
            }
            String bus = parts.get()[0];
            String group = parts.get()[1];
            long expires = number(state.get("expires"));
            long lag = 0;
            for (String field : state.keySet()) {
                if (field.startsWith("origin:")) {
                    lag = add(lag, lagOf(streams, field.substring("origin:".length()), group));
                }
            }
            partitions.add(new PartitionStatus(
                    bus,
                    group,
                    Integer.parseInt(parts.get()[2]),
                    expires > now ? state.getOrDefault("owner", "") : "",
                    number(state.get("epoch")),
                    number(state.get("rebalances")),
                    lag,
                    Math.max(0, expires - now)));
        }
        partitions.sort(Comparator.comparing(PartitionStatus::bus)
                .thenComparing(PartitionStatus::group)
                .thenComparingInt(PartitionStatus::partition));
        return partitions;
    }

    /** bus, group, partition of {@code <prefix>:<bus>:partition:<group>:<n>[:{tag}]}, if it is one. */
    static Optional<String[]> parse(String prefix, String key) {
        if (!key.startsWith(prefix + ":")) {
            return Optional.empty();
        }
        String rest = key.substring(prefix.length() + 1);
        int tag = rest.indexOf(":{");
        if (tag >= 0) {
            rest = rest.substring(0, tag);
        }
        String[] segments = rest.split(":");
        if (segments.length < 4
                || !segments[1].equals("partition")
                || !segments[segments.length - 1].matches("\\d{1,4}")) {
            return Optional.empty();
        }
        String group = String.join(":", java.util.Arrays.copyOfRange(segments, 2, segments.length - 1));
        return Optional.of(new String[] {segments[0], group, segments[segments.length - 1]});
    }

    private static long lagOf(List<StreamInfo> streams, String lane, String group) {
        for (StreamInfo stream : streams) {
            if (stream.key().equals(lane)) {
                for (GroupInfo info : stream.groups()) {
                    if (info.name().equals(group)) {
                        return info.lag().isPresent() ? info.lag().getAsLong() : -1;
                    }
                }
                return 0;
            }
        }
        return 0; // on another node of a cluster: counted there
    }

    private static long add(long sum, long lag) {
        return sum < 0 || lag < 0 ? -1 : sum + lag;
    }

    private static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
