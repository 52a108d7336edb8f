package dev.nautilus.bench.peers;

import dev.nautilus.bench.redis.ServerStats;
import dev.nautilus.testkit.RedisServer;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * What a stretch of a peer's run cost: wall time, Redis's CPU (from {@code INFO cpu}) and its
 * commands, and this JVM's CPU and allocated bytes, all threads (for a peer in this JVM the
 * client is all the JVM does while it is measured: its publisher, its readers, GC and JIT).
 */
final class CostMeter {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final RedisServer redis;
    private final long startNanos;
    private final long jvmCpuNanos;
    private final long jvmAllocatedBytes;
    private final double redisCpuSeconds;
    private final Map<String, long[]> redisCommands;

    private CostMeter(RedisServer redis) {
        this.redis = redis;
        this.redisCpuSeconds = ServerStats.cpuSeconds(redis);
        this.redisCommands = ServerStats.commandTimes(redis);
        this.jvmAllocatedBytes = THREADS.getTotalThreadAllocatedBytes();
        this.jvmCpuNanos = OS.getProcessCpuTime();
        this.startNanos = System.nanoTime();
    }

    /** Starts measuring now. */
    static CostMeter start(RedisServer redis) {
        return new CostMeter(redis);
    }

    /** The row of a client in this JVM that delivered {@code messages} since {@link #start}. */
    PeerRow jvmRow(String name, long messages) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long cpu = OS.getProcessCpuTime() - jvmCpuNanos;
        long allocated = THREADS.getTotalThreadAllocatedBytes() - jvmAllocatedBytes;
        return new PeerRow(
                name,
                messages,
                seconds,
                redisMicrosPerMessage(messages),
                cpu / 1e3 / messages,
                (double) allocated / messages,
                redisCommands(messages),
                null);
    }

    /** The row of a client in other processes, which timed itself and measured its own CPU. */
    PeerRow externalRow(String name, long messages, double seconds, double clientCpuSeconds, String note) {
        return new PeerRow(
                name,
                messages,
                seconds,
                redisMicrosPerMessage(messages),
                clientCpuSeconds * 1e6 / messages,
                null,
                redisCommands(messages),
                note);
    }

    private double redisMicrosPerMessage(long messages) {
        return (ServerStats.cpuSeconds(redis) - redisCpuSeconds) * 1e6 / messages;
    }

    private String redisCommands(long messages) {
        return ServerStats.perMessage(
                redisCommands, ServerStats.commandTimes(redis), messages, "xadd", "xreadgroup", "xack");
    }
}
