package dev.nautilus.bench.redis;

import dev.nautilus.bench.BenchReport;
import dev.nautilus.bench.FixedRate;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seeds' story as a measurement. Seven engines in the legacy style on one Redis poll
 * {@code XREADGROUP} without {@code BLOCK} on consumer groups that were never created (what the
 * seeds' analysis found: millions of failed calls burning the main Redis's CPU), while a publisher
 * sends market data there. Then the same seven engines on the Nautilus dual bus with the same load.
 * Every figure comes from the Redis servers' own {@code INFO}: CPU, clients, calls and failed calls.
 *
 * <p>The seeds' headline is the main Redis's CPU before and after; the dual bus's own Redis servers
 * are reported too, since they now do the work the legacy engines failed to do (deliver messages).
 */
public final class SeedFailureModeBench {

    static final List<String> ENGINES =
            List.of("portfolio", "collateral", "ml", "factor", "strategy", "websocket", "features");

    private SeedFailureModeBench() {}

    public static BenchReport run(Duration duration, int messagesPerSecond, Duration legacyPollInterval)
            throws Exception {
        BenchReport report = new BenchReport("seed-failure-mode");
        try (RedisServer main = RedisServer.start();
                RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start()) {
            Sample legacy = legacy(main, duration, messagesPerSecond, legacyPollInterval);
            double mainCpuBefore = ServerStats.cpuSeconds(main);
            long mainCallsBefore = ServerStats.totalCalls(main);
            long dualStart = System.nanoTime();
            Sample dual = dual(marketData, engineLogic, duration, messagesPerSecond);
            double mainCpuAfter =
                    100 * (ServerStats.cpuSeconds(main) - mainCpuBefore) / ((System.nanoTime() - dualStart) / 1e9);
            report.put(
                            "ratio main Redis CPU, dual bus / legacy (seed: 0.22 / 22.11 = 0.010)",
                            mainCpuAfter / legacy.cpuPercent)
                    .put("legacy: main Redis CPU %", legacy.cpuPercent)
                    .put("dual bus: main Redis CPU %", mainCpuAfter)
                    .put("dual bus: commands on the main Redis", ServerStats.totalCalls(main) - mainCallsBefore)
                    .put("legacy: XREADGROUP calls", legacy.calls)
                    .put("legacy: failed XREADGROUP calls", legacy.failedCalls)
                    .put("legacy: engine connections on the main Redis", legacy.clients)
                    .put("legacy: messages delivered to engines", legacy.delivered)
                    .put("dual bus: Redis CPU % (MarketData + Engine Logic)", dual.cpuPercent)
                    .put("dual bus: XREADGROUP calls", dual.calls)
                    .put("dual bus: failed XREADGROUP calls", dual.failedCalls)
                    .put("dual bus: engine connections (both buses)", dual.clients)
                    .put("dual bus: messages delivered to engines", dual.delivered)
                    .put(
                            "dual bus: bus Redis CPU-ms per 1,000 deliveries",
                            dual.cpuPercent * 10 * duration.toSeconds() / Math.max(1, dual.delivered / 1000.0))
                    .put("dual bus: engine connections on the main Redis", ServerStats.connectedClients(main) - 1)
                    .put("messages published", (long) messagesPerSecond * duration.toSeconds())
                    .put("duration (s)", duration.toSeconds())
                    .put("legacy poll interval (ms)", legacyPollInterval.toMillis());
        }
        return report;
    }

    private record Sample(double cpuPercent, long calls, long failedCalls, long clients, long delivered) {}

    /** Seven pollers hitting missing groups without BLOCK, and a publisher, all on one Redis. */
    private static Sample legacy(RedisServer main, Duration duration, int rate, Duration pollInterval)
            throws Exception {
        RedisClient client = RedisClient.create();
        List<LegacyPoller> pollers = new ArrayList<>();
        AtomicLong delivered = new AtomicLong();
        try {
            for (String engine : ENGINES) {
                pollers.add(new LegacyPoller(client, main.url(), engine, pollInterval, delivered));
            }
            Thread.sleep(500);
            long callsBefore = main.commandStat("xreadgroup", "calls");
            long failedBefore = main.commandStat("xreadgroup", "failed_calls");
            double cpuBefore = ServerStats.cpuSeconds(main);
            long clients = ServerStats.connectedClients(main) - 1;
            long start = System.nanoTime();
            try (StatefulRedisConnection<String, String> publisher = client.connect(RedisURI.create(main.url()))) {
                FixedRate.run(
                        (long) rate * duration.toSeconds(),
                        rate,
                        0,
                        (i, intended) -> publisher
                                .sync()
                                .xadd(
                                        LegacyPoller.STREAM,
                                        Map.of(
                                                "message_type",
                                                "market_data",
                                                "source_engine",
                                                "marketdata",
                                                "payload",
                                                "{\"i\":" + i + "}",
                                                "priority",
                                                "normal",
                                                "timestamp",
                                                Double.toString(System.currentTimeMillis() / 1000.0))));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Sample sample = new Sample(
                    100 * (ServerStats.cpuSeconds(main) - cpuBefore) / seconds,
                    main.commandStat("xreadgroup", "calls") - callsBefore,
                    main.commandStat("xreadgroup", "failed_calls") - failedBefore,
                    clients,
                    delivered.get());
            return sample;
        } finally {
            pollers.forEach(LegacyPoller::close);
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    /** The same seven engines as consumer groups on the dual bus, and the same load. */
    private static Sample dual(RedisServer marketData, RedisServer engineLogic, Duration duration, int rate)
            throws Exception {
        AtomicLong delivered = new AtomicLong();
        try (DualMessageBus bus = RedisBuses.dualBus(
                RoutingTable.defaults(),
                RedisBusConfig.defaults(marketData.url(), "bench"),
                RedisBusConfig.defaults(engineLogic.url(), "bench"))) {
            for (String engine : ENGINES) {
                bus.subscribe(
                        SubscriptionSpec.allTypes(engine, engine + "-1", List.of("*")),
                        m -> delivered.incrementAndGet());
            }
            Thread.sleep(500);
            long calls = marketData.commandStat("xreadgroup", "calls") + engineLogic.commandStat("xreadgroup", "calls");
            long failed = marketData.commandStat("xreadgroup", "failed_calls")
                    + engineLogic.commandStat("xreadgroup", "failed_calls");
            double cpu = ServerStats.cpuSeconds(marketData) + ServerStats.cpuSeconds(engineLogic);
            long clients = ServerStats.connectedClients(marketData) + ServerStats.connectedClients(engineLogic) - 2;
            long start = System.nanoTime();
            FixedRate.run(
                    (long) rate * duration.toSeconds(),
                    rate,
                    0,
                    (i, intended) -> bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                            .source("marketdata")
                            .payload(Map.of("i", i))
                            .build()));
            long expected = (long) rate * duration.toSeconds() * ENGINES.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (delivered.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Sample(
                    100 * (ServerStats.cpuSeconds(marketData) + ServerStats.cpuSeconds(engineLogic) - cpu) / seconds,
                    marketData.commandStat("xreadgroup", "calls")
                            + engineLogic.commandStat("xreadgroup", "calls")
                            - calls,
                    marketData.commandStat("xreadgroup", "failed_calls")
                            + engineLogic.commandStat("xreadgroup", "failed_calls")
                            - failed,
                    clients,
                    delivered.get());
        }
    }
}
