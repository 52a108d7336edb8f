package dev.nautilus.bus.redis.monitor;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Memory figures of {@code INFO memory}; each is absent when the reply lacks it.
 *
 * @param usedMemory      bytes allocated by Redis ({@code used_memory})
 * @param usedMemoryHuman the same, as Redis prints it (e.g. {@code 996.38K})
 * @param maxMemory       the configured limit in bytes, 0 for none ({@code maxmemory})
 * @param maxMemoryPolicy what Redis evicts at the limit, e.g. {@code allkeys-lru}
 */
public record MemoryUsage(
        OptionalLong usedMemory,
        Optional<String> usedMemoryHuman,
        OptionalLong maxMemory,
        Optional<String> maxMemoryPolicy) {

    /** The memory fields of an INFO reply. */
    public static MemoryUsage fromInfo(RedisInfo info) {
        return new MemoryUsage(
                info.longValue("used_memory"),
                info.text("used_memory_human"),
                info.longValue("maxmemory"),
                info.text("maxmemory_policy"));
    }

    /** No figures. */
    public static MemoryUsage unknown() {
        return new MemoryUsage(OptionalLong.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty());
    }
}
