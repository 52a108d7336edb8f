package dev.nautilus.bus.redis;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.redis.partition.ClusterSlots;
import dev.nautilus.bus.redis.partition.PartitionKeys;
import dev.nautilus.bus.redis.partition.PartitionPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Priority lanes on Redis: each message type has one stream per priority, so that a reader
 * fetching from every lane at once sees an urgent message in its next read, however long the
 * backlog of the normal lane. {@code NORMAL} uses the type's plain stream
 * {@code <prefix>:<bus>:<type>} (what the seed's Python clients read and write); the other
 * priorities add a suffix, e.g. {@code nautilus:engine_logic:risk_metric:flash_crash}.
 *
 * <p>On a Redis Cluster one command may only touch keys of one hash slot, so the type becomes a
 * hash tag ({@code nautilus:marketdata:{price_update}}, {@code …:{price_update}:urgent}): the lanes
 * of a type share a slot and are still read together, while different types spread over the
 * nodes. A subscription to several types then reads each type's lanes on its own
 * ({@link #readGroups}).
 *
 * <p>A partitioned type ({@link PartitionPlan}) has these lanes per partition instead:
 * {@code <prefix>:<bus>:<type>:p<n>} on a single Redis, {@code <prefix>:<bus>:<type>:{<tag>}} on a
 * cluster, the tag chosen so that the partitions spread over the nodes ({@link
 * ClusterSlots#partitionTag}); partition {@code n} of every type with the same count shares its tag,
 * so one owner reads them together.
 */
final class StreamLanes {

    private final boolean cluster;
    private final PartitionPlan plan;
    /** Every key, by type and priority ordinal: built once, as each publish asks for one. */
    private final String[][] keys;
    /** Every partition's keys, by type, partition and priority ordinal; null for a type not partitioned. */
    private final String[][][] partitionKeys;

    StreamLanes(RoutingTable routing, boolean cluster) {
        this(routing, cluster, PartitionPlan.NONE);
    }

    StreamLanes(RoutingTable routing, boolean cluster, PartitionPlan plan) {
        this.cluster = cluster;
        this.plan = plan;
        this.keys = new String[MessageType.values().length][];
        this.partitionKeys = new String[MessageType.values().length][][];
        for (MessageType type : MessageType.values()) {
            String plain = routing.route(type).streamKey();
            if (plan.partitioned(type)) {
                int count = plan.partitions(type);
                partitionKeys[type.ordinal()] = new String[count][];
                for (int n = 0; n < count; n++) {
                    String key = cluster ? plain + ":{" + ClusterSlots.partitionTag(n, count) + "}" : plain + ":p" + n;
                    partitionKeys[type.ordinal()][n] = byPriority(key);
                }
            }
            String base = plain;
            if (cluster) {
                int typeStart = base.lastIndexOf(':') + 1;
                base = base.substring(0, typeStart) + "{" + base.substring(typeStart) + "}";
            }
            keys[type.ordinal()] = byPriority(base);
        }
    }

    private static String[] byPriority(String base) {
        String[] byPriority = new String[Priority.values().length];
        for (Priority priority : Priority.values()) {
            byPriority[priority.ordinal()] = priority == Priority.NORMAL ? base : base + ":" + priority.wireName();
        }
        return byPriority;
    }

    /** The stream {@code message} goes to: its type's and priority's, of its key's partition if partitioned. */
    String key(Message message) {
        String[][] partitions = partitionKeys[message.type().ordinal()];
        if (partitions == null) {
            return key(message.type(), message.priority());
        }
        int n = PartitionKeys.partitionOf(message.type(), message.topic(), partitions.length);
        return partitions[n][message.priority().ordinal()];
    }

    /** The partition plan these lanes follow. */
    PartitionPlan plan() {
        return plan;
    }

    /** Every lane of partition {@code n} of the given (partitioned) types, most urgent first. */
    Map<String, Priority> partitionLanes(Set<MessageType> types, int n) {
        Map<String, Priority> lanes = new LinkedHashMap<>();
        for (Priority priority : Priority.values()) {
            for (MessageType type : types) {
                lanes.put(partitionKeys[type.ordinal()][n][priority.ordinal()], priority);
            }
        }
        return lanes;
    }

    /** The stream a message of this type and priority goes to. */
    String key(MessageType type, Priority priority) {
        return keys[type.ordinal()][priority.ordinal()];
    }

    /** Every lane of the given types, most urgent first, each with its priority. */
    Map<String, Priority> lanes(Set<MessageType> types) {
        Map<String, Priority> lanes = new LinkedHashMap<>();
        for (Priority priority : Priority.values()) {
            for (MessageType type : types) {
                lanes.put(key(type, priority), priority);
            }
        }
        return lanes;
    }

    /**
     * The lanes of the given types in groups that one {@code XREADGROUP} can read: all of them in
     * one group on a single Redis, one group per type on a cluster.
     */
    List<Map<String, Priority>> readGroups(Set<MessageType> types) {
        if (!cluster) {
            return List.of(lanes(types));
        }
        List<Map<String, Priority>> groups = new ArrayList<>(types.size());
        for (MessageType type : types) {
            groups.add(lanes(Set.of(type)));
        }
        return groups;
    }
}
