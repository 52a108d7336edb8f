package dev.nautilus.bus.redis.partition;

import java.time.Duration;

/**
 * How instances of one engine hold their partitions: each instance's membership and each
 * partition's ownership is a lease on the bus's Redis of {@code leaseTime}, renewed every
 * {@code renewEvery}. A dead instance's partitions move once its leases expire; an instance stops
 * handling a partition a safety margin (a fifth of the lease) before its own view of the lease ends,
 * so that, with clocks that run at the same rate, it has stopped before another can take over.
 *
 * @param leaseTime  how long a lease lasts unless renewed
 * @param renewEvery how often leases are renewed and the assignment looked at again
 */
public record LeaseSettings(Duration leaseTime, Duration renewEvery) {

    /** Ten-second leases renewed every 2.5 seconds. */
    public static final LeaseSettings DEFAULT = new LeaseSettings(Duration.ofSeconds(10), Duration.ofMillis(2500));

    public LeaseSettings {
        if (leaseTime.toMillis() < 300) {
            throw new IllegalArgumentException("leaseTime must be at least 300 ms, was " + leaseTime);
        }
        if (renewEvery.toMillis() < 10 || renewEvery.multipliedBy(2).compareTo(leaseTime) > 0) {
            throw new IllegalArgumentException(
                    "renewEvery must be 10 ms .. half of leaseTime (" + leaseTime + "), was " + renewEvery);
        }
    }

    /** Leases of {@code leaseTime}, renewed every quarter of it. */
    public static LeaseSettings of(Duration leaseTime) {
        return new LeaseSettings(leaseTime, leaseTime.dividedBy(4));
    }

    /** How long before its lease ends an owner stops handling a partition. */
    public Duration margin() {
        return leaseTime.dividedBy(5);
    }
}
