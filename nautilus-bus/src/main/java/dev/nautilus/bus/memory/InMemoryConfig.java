package dev.nautilus.bus.memory;

import java.time.Duration;

/**
 * Settings of the in-memory transport.
 *
 * @param laneCapacity      messages a group may hold per priority before publishers wait (rounded up to a power of two)
 * @param batchSize         messages a consumer takes per drain; a higher priority overtakes all but this many
 * @param publishTimeout    how long a publisher waits for a full group before failing with back-pressure
 * @param maxDeliveries     handler attempts per message before it is dead-lettered
 * @param deadLetterHistory dead letters kept for inspection
 * @param drainTimeout      how long {@code close()} waits for queued messages to be handled
 */
public record InMemoryConfig(
        int laneCapacity,
        int batchSize,
        Duration publishTimeout,
        int maxDeliveries,
        int deadLetterHistory,
        Duration drainTimeout) {

    public InMemoryConfig {
        if (laneCapacity < 16) {
            throw new IllegalArgumentException("laneCapacity must be at least 16, was " + laneCapacity);
        }
        if (batchSize < 1 || batchSize > 4096) {
            throw new IllegalArgumentException("batchSize must be within 1..4096, was " + batchSize);
        }
        if (publishTimeout == null || publishTimeout.isNegative()) {
            throw new IllegalArgumentException("publishTimeout must be zero or positive");
        }
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("maxDeliveries must be at least 1, was " + maxDeliveries);
        }
        if (deadLetterHistory < 0) {
            throw new IllegalArgumentException("deadLetterHistory must not be negative");
        }
        if (drainTimeout == null || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout must be zero or positive");
        }
    }

    /** Defaults: 131,072 per lane, batches of 64, 5 s publish timeout, 3 deliveries, 1,000 dead letters kept. */
    public static InMemoryConfig defaults() {
        return new InMemoryConfig(1 << 17, 64, Duration.ofSeconds(5), 3, 1000, Duration.ofSeconds(5));
    }

    public InMemoryConfig withLaneCapacity(int value) {
        return new InMemoryConfig(value, batchSize, publishTimeout, maxDeliveries, deadLetterHistory, drainTimeout);
    }

    public InMemoryConfig withPublishTimeout(Duration value) {
        return new InMemoryConfig(laneCapacity, batchSize, value, maxDeliveries, deadLetterHistory, drainTimeout);
    }

    public InMemoryConfig withMaxDeliveries(int value) {
        return new InMemoryConfig(laneCapacity, batchSize, publishTimeout, value, deadLetterHistory, drainTimeout);
    }
}
