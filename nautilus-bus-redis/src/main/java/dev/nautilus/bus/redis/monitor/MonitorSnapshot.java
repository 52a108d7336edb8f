package dev.nautilus.bus.redis.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One sample of every watched Redis, in the order the targets were given.
 *
 * @param takenAt when the sample started
 * @param redis   one snapshot per target
 */
public record MonitorSnapshot(Instant takenAt, List<RedisSnapshot> redis) {

    /** Copies the list. */
    public MonitorSnapshot {
        redis = List.copyOf(redis);
    }

    /** The snapshot of the target with this name (e.g. {@code Engine Logic bus}). */
    public Optional<RedisSnapshot> target(String name) {
        return redis.stream().filter(r -> r.target().name().equals(name)).findFirst();
    }
}
