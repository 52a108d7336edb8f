package dev.nautilus.bench.redis;

import dev.nautilus.bus.redis.monitor.RedisInfo;
import dev.nautilus.testkit.RedisServer;

/** Figures a benchmark reads from a Redis server's own {@code INFO}, parsed by the monitor's parser. */
public final class ServerStats {

    private ServerStats() {}

    /** CPU seconds used by the server so far (system + user). */
    public static double cpuSeconds(RedisServer server) {
        RedisInfo cpu = RedisInfo.parse(server.info("cpu"));
        return cpu.doubleValue("used_cpu_sys").orElse(0)
                + cpu.doubleValue("used_cpu_user").orElse(0);
    }

    /** All commands the server ran. */
    static long totalCalls(RedisServer server) {
        return RedisInfo.parse(server.info("stats"))
                .longValue("total_commands_processed")
                .orElse(0);
    }

    /** Calls and microseconds of each command so far, by command name in lower case ({@code xadd}). */
    public static java.util.Map<String, long[]> commandTimes(RedisServer server) {
        java.util.Map<String, long[]> times = new java.util.TreeMap<>();
        for (dev.nautilus.bus.redis.monitor.CommandStats stats :
                dev.nautilus.bus.redis.monitor.CommandStats.fromInfo(RedisInfo.parse(server.info("commandstats")))) {
            times.put(stats.command(), new long[] {stats.calls(), stats.usec()});
        }
        return times;
    }

    /**
     * What each command cost between two {@link #commandTimes} readings, per delivered message:
     * e.g. {@code xadd 1.00 calls 2.1 us, xreadgroup 0.05 calls 1.9 us, …}.
     */
    public static String perMessage(
            java.util.Map<String, long[]> before,
            java.util.Map<String, long[]> after,
            long messages,
            String... commands) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (String command : commands) {
            long[] start = before.getOrDefault(command, new long[2]);
            long[] end = after.getOrDefault(command, new long[2]);
            parts.add(String.format(
                    "%s %.3f calls %.2f us",
                    command, (double) (end[0] - start[0]) / messages, (double) (end[1] - start[1]) / messages));
        }
        return String.join(", ", parts);
    }

    /** Connections open now, the asking one included. */
    static long connectedClients(RedisServer server) {
        return RedisInfo.parse(server.info("clients"))
                .longValue("connected_clients")
                .orElse(0);
    }
}
