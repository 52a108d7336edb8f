package dev.nautilus.bench.redis;

import dev.nautilus.app.report.SvgLineChart;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How cost grows with work: for 1, 4, 7 and 13 subscribed engines and 100, 1,000 and 10,000
 * market-data messages per second, the deliveries per second achieved and the Redis CPU spent
 * (both buses, from {@code INFO}). Writes the CPU curve as an SVG chart.
 */
public final class ScalingBench {

    private static final int[] ENGINES = {1, 4, 7, 13};
    private static final int[] RATES = {100, 1_000, 10_000};

    private ScalingBench() {}

    public static BenchReport run(Duration perPoint, Path chart) throws Exception {
        BenchReport report = new BenchReport("scaling");
        Map<String, List<double[]>> cpuSeries = new LinkedHashMap<>();
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start()) {
            for (int rate : RATES) {
                List<double[]> points = new ArrayList<>();
                for (int engines : ENGINES) {
                    marketData.redis().flushall();
                    engineLogic.redis().flushall();
                    double[] result = point(marketData, engineLogic, engines, rate, perPoint);
                    points.add(new double[] {engines, result[1]});
                    report.put(
                            String.format(
                                    "%2d engines x %,6d msg/s: deliveries/s, Redis CPU %%, kept up", engines, rate),
                            String.format(
                                    "%,.0f / %,d, %.1f %%, %s",
                                    result[0], (long) engines * rate, result[1], result[2] == 1 ? "yes" : "NO"));
                }
                cpuSeries.put(String.format("%,d msg/s", rate), points);
            }
        }
        SvgLineChart svg = new SvgLineChart(
                "Redis CPU as engines and message rate grow", "subscribed engines", "Redis CPU % (both buses)");
        cpuSeries.forEach(svg::series);
        svg.write(chart);
        report.put("chart", chart.toString());
        return report;
    }

    /** Returns deliveries per second, Redis CPU %, and 1 when every delivery arrived in time. */
    private static double[] point(
            RedisServer marketData, RedisServer engineLogic, int engines, int rate, Duration duration)
            throws Exception {
        AtomicLong delivered = new AtomicLong();
        try (DualMessageBus bus = RedisBuses.dualBus(
                RoutingTable.defaults(),
                RedisBusConfig.defaults(marketData.url(), "bench"),
                RedisBusConfig.defaults(engineLogic.url(), "bench"))) {
            for (int e = 0; e < engines; e++) {
                bus.subscribe(
                        new SubscriptionSpec(
                                "engine" + e,
                                "engine" + e + "-1",
                                List.of("market_data.*"),
                                EnumSet.of(MessageType.MARKET_DATA)),
                        m -> delivered.incrementAndGet());
            }
            Thread.sleep(300);
            double cpu = ServerStats.cpuSeconds(marketData) + ServerStats.cpuSeconds(engineLogic);
            long start = System.nanoTime();
            long total = rate * duration.toSeconds();
            FixedRate.run(
                    total,
                    rate,
                    0,
                    (i, intended) -> bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                            .source("marketdata")
                            .payload(Map.of("i", i))
                            .build()));
            long expected = total * engines;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (delivered.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuPercent =
                    100 * (ServerStats.cpuSeconds(marketData) + ServerStats.cpuSeconds(engineLogic) - cpu) / seconds;
            return new double[] {delivered.get() / seconds, cpuPercent, delivered.get() >= expected ? 1 : 0};
        }
    }
}
