package dev.nautilus.app.monitor;

import dev.nautilus.app.config.BusSettings;
import dev.nautilus.app.config.ConfigException;
import dev.nautilus.app.config.RedisUrl;
import dev.nautilus.app.security.BusUsers;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.redis.monitor.BusMonitor;
import dev.nautilus.bus.redis.monitor.ClusterNodes;
import dev.nautilus.bus.redis.monitor.MonitorTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which Redis servers {@code nautilus monitor} watches: the configured ones (MarketData bus,
 * Engine Logic bus, and the main Redis when set), each replaceable by a command-line URL; a bus on
 * a Redis Cluster is watched node by node.
 */
public final class MonitorTargets {

    /** What to tell an operator whose configuration names no Redis at all. */
    public static final String NOTHING_TO_WATCH = """
            no Redis to watch: no bus URLs are configured, so the buses run in memory inside the platform process.
            Point the monitor at Redis with environment variables:
              NAUTILUS_MARKETDATA_BUS_URL=redis://localhost:6380
              NAUTILUS_ENGINE_LOGIC_BUS_URL=redis://localhost:6381
              NAUTILUS_MAIN_REDIS_URL=redis://localhost:6379      (optional: the legacy main Redis)
            or the keys bus.marketdata_url, bus.engine_logic_url, bus.main_redis_url of --config FILE,
            or this command's options: --marketdata URL --engine-logic URL --main URL""";

    private MonitorTargets() {}

    /**
     * The targets, in the order MarketData bus, Engine Logic bus, main Redis; empty when none is
     * configured or given.
     *
     * @param settings     the configured buses (URLs and stream prefix)
     * @param marketData   replaces the configured MarketData bus URL
     * @param engineLogic  replaces the configured Engine Logic bus URL
     * @param main         replaces the configured main Redis URL
     * @param streamPrefix replaces the configured stream prefix
     * @throws ConfigException naming the option whose URL is invalid
     */
    public static List<MonitorTarget> resolve(
            BusSettings settings,
            Optional<String> marketData,
            Optional<String> engineLogic,
            Optional<String> main,
            Optional<String> streamPrefix) {
        String prefix = streamPrefix.map(String::strip).orElse(settings.streamPrefix());
        if (prefix.isEmpty() || !prefix.matches("[A-Za-z0-9_.:\\-]+")) {
            throw new ConfigException("--prefix must be letters, digits, '_', '.', ':' or '-', was '" + prefix + "'");
        }
        List<MonitorTarget> targets = new ArrayList<>(3);
        // the buses' Redis servers are watched as the read-only monitor user; the legacy main Redis has no ACL of ours
        url("--marketdata", marketData, settings.marketDataUrl())
                .map(url -> settings.credentialed(url, BusUsers.MONITOR))
                .ifPresent(url -> targets.addAll(bus(Bus.MARKETDATA, url, prefix, settings)));
        url("--engine-logic", engineLogic, settings.engineLogicUrl())
                .map(url -> settings.credentialed(url, BusUsers.MONITOR))
                .ifPresent(url -> targets.addAll(bus(Bus.ENGINE_LOGIC, url, prefix, settings)));
        url("--main", main, settings.mainRedisUrl())
                .ifPresent(url ->
                        targets.add(MonitorTarget.mainRedis(url.value(), prefix).withTls(settings.tls())));
        return List.copyOf(targets);
    }

    /**
     * A bus's Redis, or each node of its cluster: CPU, clients and failed calls are per server. With
     * the buses' client certificate and trust store, as every monitor target.
     */
    private static List<MonitorTarget> bus(Bus bus, RedisUrl url, String prefix, BusSettings settings) {
        MonitorTarget target = MonitorTarget.forBus(bus, url.value(), prefix).withTls(settings.tls());
        boolean cluster = bus == Bus.MARKETDATA ? settings.marketDataCluster() : settings.engineLogicCluster();
        return cluster ? ClusterNodes.of(target, BusMonitor.DEFAULT_TIMEOUT) : List.of(target);
    }

    private static Optional<RedisUrl> url(String option, Optional<String> given, Optional<RedisUrl> configured) {
        return given.isPresent() ? Optional.of(RedisUrl.parse(option, given.get())) : configured;
    }
}
