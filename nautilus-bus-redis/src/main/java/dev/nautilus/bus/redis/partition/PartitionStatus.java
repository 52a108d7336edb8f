package dev.nautilus.bus.redis.partition;

/**
 * One partition of one consumer group as recorded on the bus's Redis: for the monitor, the API and
 * {@code /metrics}.
 *
 * @param bus        the bus key
 * @param group      the consumer group (engine)
 * @param partition  the partition
 * @param owner      the consumer holding its lease, or empty when none does
 * @param epoch      the lease epoch (takeovers so far)
 * @param rebalances how many times it changed hands, a graceful release followed by a takeover or
 *                   an expired lease taken over
 * @param lag        entries of its streams not yet delivered to the group (Redis's group {@code lag},
 *                   summed over the partition's lanes; -1 when Redis cannot tell)
 * @param leaseLeftMillis how long the owner's lease still runs, 0 when expired or none
 */
public record PartitionStatus(
        String bus,
        String group,
        int partition,
        String owner,
        long epoch,
        long rebalances,
        long lag,
        long leaseLeftMillis) {}
