package dev.nautilus.bench.redis;

import dev.nautilus.bus.redis.RedisServer;
import dev.nautilus.bus.redis.monitor.RedisInfo;

/** Figures a benchmark reads from a Redis server's own {@code INFO}, parsed by the monitor's parser. */
final class ServerStats {

    private ServerStats() {
    }

    /** CPU seconds used by the server so far (system + user). */
    static double cpuSeconds(RedisServer server) {
        RedisInfo cpu = RedisInfo.parse(server.info("cpu"));
        return cpu.doubleValue("used_cpu_sys").orElse(0) + cpu.doubleValue("used_cpu_user").orElse(0);
    }

    /** All commands the server ran. */
    static long totalCalls(RedisServer server) {
        return RedisInfo.parse(server.info("stats")).longValue("total_commands_processed").orElse(0);
    }

    /** Connections open now, the asking one included. */
    static long connectedClients(RedisServer server) {
        return RedisInfo.parse(server.info("clients")).longValue("connected_clients").orElse(0);
    }
}
