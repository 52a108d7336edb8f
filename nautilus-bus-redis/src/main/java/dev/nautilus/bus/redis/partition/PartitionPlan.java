package dev.nautilus.bus.redis.partition;

import dev.nautilus.bus.MessageType;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Which message types are split into partitions, and into how many. A type not named has one
 * partition: today's single stream with the seeds' keys. A partitioned type {@code T} with
 * {@code P} partitions has the streams {@code <prefix>:<bus>:<type>:p<n>}, {@code n} in
 * {@code 0..P-1}, each keeping the order of its messages; the partition of a message is a function
 * of its key alone ({@link PartitionKeys}).
 *
 * <p>All partitioned types one consumer group reads on one bus must have the same number of
 * partitions: partition {@code n} of each of them is then owned by the same instance, so that the
 * state an engine keeps per key sees every input of that key.
 */
public record PartitionPlan(Map<MessageType, Integer> counts) {

    /** The most partitions a type may have: each is a stream and, for every reader, a connection. */
    public static final int MAX_PARTITIONS = 256;

    /** No type partitioned. */
    public static final PartitionPlan NONE = new PartitionPlan(Map.of());

    public PartitionPlan {
        EnumMap<MessageType, Integer> copy = new EnumMap<>(MessageType.class);
        counts.forEach((type, count) -> {
            if (count == null || count < 1 || count > MAX_PARTITIONS) {
                throw new IllegalArgumentException(
                        "partitions of " + type.wireName() + " must be 1.." + MAX_PARTITIONS + ", was " + count);
            }
            if (count > 1) {
                copy.put(type, count);
            }
        });
        counts = Map.copyOf(copy);
    }

    /**
     * The plan of a configuration's {@code bus.partitions}: type wire name → partitions, e.g.
     * {@code {market_data: 12}}.
     *
     * @throws IllegalArgumentException naming an unknown type or a count out of range
     */
    public static PartitionPlan of(Map<String, Integer> byWireName) {
        Map<MessageType, Integer> counts = new EnumMap<>(MessageType.class);
        byWireName.forEach((name, count) -> counts.put(MessageType.fromWire(name), count));
        return new PartitionPlan(counts);
    }

    /** The plan with {@code type} split into {@code count} partitions. */
    public PartitionPlan with(MessageType type, int count) {
        Map<MessageType, Integer> next = new EnumMap<>(MessageType.class);
        next.putAll(counts);
        next.put(type, count);
        return new PartitionPlan(next);
    }

    /** How many partitions {@code type} has (1: not partitioned). */
    public int partitions(MessageType type) {
        return counts.getOrDefault(type, 1);
    }

    /** Whether {@code type} has more than one partition. */
    public boolean partitioned(MessageType type) {
        return counts.containsKey(type);
    }

    /**
     * The common number of partitions of the partitioned types among {@code types}; empty when none
     * is partitioned.
     *
     * @throws IllegalArgumentException when they differ (see the class comment)
     */
    public OptionalInt commonCount(Collection<MessageType> types) {
        Integer common = null;
        for (MessageType type : types) {
            Integer count = counts.get(type);
            if (count == null) {
                continue;
            }
            if (common != null && !common.equals(count)) {
                throw new IllegalArgumentException("the partitioned types " + types
                        + " of one subscription must have the same number of partitions, found " + common + " and "
                        + count);
            }
            common = count;
        }
        return common == null ? OptionalInt.empty() : OptionalInt.of(common);
    }
}
