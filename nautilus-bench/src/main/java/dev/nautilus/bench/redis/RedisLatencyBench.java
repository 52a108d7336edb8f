package dev.nautilus.bench.redis;

import dev.nautilus.bench.BenchReport;
import dev.nautilus.bench.FixedRate;
import dev.nautilus.bench.MachineStalls;
import dev.nautilus.bench.WakeupJitter;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Latency over Redis at a fixed rate, publish → handler, measured from each message's
 * <em>intended</em> send time (so a stalled publisher counts against us: coordinated omission
 * corrected), and from the publish call, beside three floors measured in the same run: the
 * unpipelined {@code redis-benchmark} XADD p50 on the same Redis (one round trip), the same
 * commands at the same rate from a minimal blocking client ({@link MinimalClientFloor}), and how
 * late a parked thread wakes here (every hand-off between threads pays it).
 */
public final class RedisLatencyBench {

    /** The payload: when the message was meant to be sent, in this JVM's nanoTime. */
    public record Probe(long intendedNanos, long sentNanos, String pad) {}

    private RedisLatencyBench() {}

    /** The Nautilus client's and the minimal client's latencies, measured one after the other on the same Redis. */
    public record Pair(Histogram nautilus, Histogram fromSend, Histogram minimal, long handled, long published) {

        public double p50Ratio() {
            return (double) nautilus.getValueAtPercentile(50) / minimal.getValueAtPercentile(50);
        }

        public double p99Ratio() {
            return (double) nautilus.getValueAtPercentile(99) / minimal.getValueAtPercentile(99);
        }
    }

    public static BenchReport run(int ratePerSecond, Duration duration) throws Exception {
        BenchReport report = new BenchReport("latency");
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start()) {
            RedisBenchmarkTool.Result floor = RedisBenchmarkTool.xadd(marketData.port(), 20_000, 1, 1, 256);
            Histogram wakeup = WakeupJitter.measure(
                    Duration.ofNanos(TimeUnit.SECONDS.toNanos(1) / ratePerSecond), Duration.ofSeconds(3));
            MachineStalls stalls = MachineStalls.measure(Duration.ofSeconds(10));
            // 5 s of JIT warm-up for both clients: a cold start builds a backlog that takes seconds to drain
            Pair pair = measurePair(marketData, engineLogic, ratePerSecond, Duration.ofSeconds(5), duration);
            Histogram histogram = pair.nautilus();
            Histogram fromSend = pair.fromSend();
            Histogram minimal = pair.minimal();
            report.put("p50 (us) (aim <= 150)", histogram.getValueAtPercentile(50) / 1e3)
                    .put("p99 (us) (aim <= 1000)", histogram.getValueAtPercentile(99) / 1e3)
                    .put("p99.9 (us) (aim <= 3000)", histogram.getValueAtPercentile(99.9) / 1e3)
                    .put("max (us)", histogram.getMaxValue() / 1e3)
                    .put("p50 / minimal client's p50 (aim <= 1.2)", pair.p50Ratio())
                    .put("p99 / minimal client's p99 (aim <= 1.0)", pair.p99Ratio())
                    .put("from the publish call instead, p50 / p99 / p99.9 (us)", percentiles(fromSend))
                    .put("floor: redis-benchmark -c 1 -P 1 XADD p50 (us)", floor.p50Millis() * 1e3)
                    .put(
                            "floor: minimal blocking client, same commands and rate, p50 / p99 / p99.9 (us)",
                            percentiles(minimal))
                    .put("floor: a parked thread wakes late by, p50 / p99 / p99.9 (us)", percentiles(wakeup))
                    .put("floor: a thread spinning on the clock is stopped by the machine", stalls.toString())
                    .put("rate (msg/s)", ratePerSecond)
                    .put("measured messages", histogram.getTotalCount())
                    .put("handled / published", pair.handled() + " / " + pair.published());
        }
        return report;
    }

    /** {@code p50 / p99 / p99.9} in microseconds. */
    public static String percentiles(Histogram histogram) {
        return String.format(
                "%.0f / %.0f / %.0f",
                histogram.getValueAtPercentile(50) / 1e3,
                histogram.getValueAtPercentile(99) / 1e3,
                histogram.getValueAtPercentile(99.9) / 1e3);
    }

    /**
     * The minimal client at {@code ratePerSecond} for {@code duration} (after {@code warmupTime}),
     * then the Nautilus bus on the same Redis ({@code engineLogic} is its second bus, idle), both
     * measured from each message's intended send time. Flushes {@code marketData}.
     */
    public static Pair measurePair(
            RedisServer marketData, RedisServer engineLogic, int ratePerSecond, Duration warmupTime, Duration duration)
            throws Exception {
        long warmup = ratePerSecond * warmupTime.toSeconds();
        long total = warmup + ratePerSecond * duration.toSeconds();
        Histogram minimal = MinimalClientFloor.measure(
                marketData.port(), ratePerSecond, warmup, ratePerSecond * duration.toSeconds(), 256);
        marketData.redis().flushall();
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        Histogram fromSend = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        AtomicLong handled = new AtomicLong();
        // the intended time of the first measured message: a warm-up message still queued when the
        // measurement starts is not measured (it was, by a flag, when the reader had a backlog)
        AtomicLong measuredFrom = new AtomicLong(Long.MAX_VALUE);
        String pad = "p".repeat(200);
        try (DualMessageBus bus = RedisBuses.dualBus(
                RoutingTable.defaults(),
                RedisBusConfig.defaults(marketData.url(), "bench"),
                RedisBusConfig.defaults(engineLogic.url(), "bench"))) {
            bus.subscribe(
                    new SubscriptionSpec(
                            "strategy", "strategy-1", List.of("market_data.*"), EnumSet.of(MessageType.MARKET_DATA)),
                    m -> {
                        long now = System.nanoTime();
                        Probe probe = m.payloadAs(Probe.class);
                        if (probe.intendedNanos() >= measuredFrom.get()) {
                            histogram.recordValue(
                                    Math.min(now - probe.intendedNanos(), histogram.getHighestTrackableValue()));
                            fromSend.recordValue(
                                    Math.min(now - probe.sentNanos(), fromSend.getHighestTrackableValue()));
                        }
                        handled.incrementAndGet();
                    });
            FixedRate.run(total, ratePerSecond, TimeUnit.MILLISECONDS.toNanos(100), (i, intended) -> {
                if (i == warmup) {
                    measuredFrom.set(intended);
                }
                bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                        .source("marketdata")
                        .payload(new Probe(intended, System.nanoTime(), pad))
                        .build());
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (handled.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        // the bus is closed: no handler records any more
        return new Pair(histogram, fromSend, minimal, handled.get(), total);
    }
}
