package dev.nautilus.app.migration;

import dev.nautilus.bus.redis.monitor.ClientConnections;
import dev.nautilus.bus.redis.monitor.CommandStats;
import dev.nautilus.bus.redis.monitor.GroupInfo;
import dev.nautilus.bus.redis.monitor.RedisInfo;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;

/**
 * What one Redis says about itself at one moment, from its own {@code INFO}, {@code CLIENT LIST}
 * and {@code XINFO GROUPS}: what {@code nautilus migrate status} and {@code nautilus bench migration}
 * print after each step.
 *
 * @param name                 {@code main}, {@code marketdata} or {@code engine_logic}
 * @param cpuSeconds           {@code used_cpu_sys + used_cpu_user} so far
 * @param clientsByEngine      connections by engine ({@code nautilus:<engine>:…} names; see {@link ClientConnections})
 * @param xreadgroupCalls      {@code XREADGROUP} calls so far
 * @param failedXreadgroup     of which failed ({@code NOGROUP} and the like)
 * @param engineLag            entries not yet delivered to the engines' groups, over the given streams
 * @param groups               the engines' groups on those streams (bridge excluded)
 */
public record RedisFigures(
        String name,
        double cpuSeconds,
        Map<String, Integer> clientsByEngine,
        long xreadgroupCalls,
        long failedXreadgroup,
        long engineLag,
        int groups) {

    /** Connection names that are not an engine's: the bridge, this tool, the monitor, unnamed clients. */
    static final List<String> NOT_ENGINES = List.of("bridge", "migrate", "monitor", ClientConnections.UNNAMED);

    /** Reads the figures of one Redis; lag over {@code streams}. */
    static RedisFigures of(String name, RedisCommands<String, String> redis, List<String> streams) {
        RedisInfo cpu = RedisInfo.parse(redis.info("cpu"));
        double cpuSeconds = cpu.doubleValue("used_cpu_sys").orElse(0)
                + cpu.doubleValue("used_cpu_user").orElse(0);
        CommandStats xreadgroup = CommandStats.fromInfo(RedisInfo.parse(redis.info("commandstats"))).stream()
                .filter(c -> c.command().equals("xreadgroup"))
                .findFirst()
                .orElse(null);
        long lag = 0;
        int groups = 0;
        for (String stream : streams) {
            if (redis.exists(stream) == 0) {
                continue;
            }
            for (GroupInfo group : GroupInfo.fromXinfoGroups(redis.xinfoGroups(stream))) {
                if (!group.name().equals(dev.nautilus.bus.redis.bridge.StreamMirror.GROUP)) {
                    groups++;
                    lag += group.lag().orElse(0) + group.pending();
                }
            }
        }
        return new RedisFigures(
                name,
                cpuSeconds,
                ClientConnections.countByEngine(redis.clientList()),
                xreadgroup == null ? 0 : xreadgroup.calls(),
                xreadgroup == null ? 0 : xreadgroup.failedOrZero(),
                lag,
                groups);
    }

    /** Connections held by engines (not by the bridge, this tool or the monitor). */
    public int engineConnections() {
        return clientsByEngine.entrySet().stream()
                .filter(e -> !NOT_ENGINES.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** Connections of one engine. */
    public int connectionsOf(String engine) {
        return clientsByEngine.getOrDefault(engine, 0);
    }
}
