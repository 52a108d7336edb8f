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

    public static BenchReport run(int ratePerSecond, Duration duration) throws Exception {
        BenchReport report = new BenchReport("latency");
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start()) {
            RedisBenchmarkTool.Result floor = RedisBenchmarkTool.xadd(marketData.port(), 20_000, 1, 1, 256);
            Histogram wakeup = WakeupJitter.measure(
                    Duration.ofNanos(TimeUnit.SECONDS.toNanos(1) / ratePerSecond), Duration.ofSeconds(3));
            MachineStalls stalls = MachineStalls.measure(Duration.ofSeconds(10));
            Histogram minimal = MinimalClientFloor.measure(
                    marketData.port(), ratePerSecond, ratePerSecond * 5L, ratePerSecond * duration.toSeconds(), 256);
            marketData.redis().flushall();
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            Histogram fromSend = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            AtomicLong handled = new AtomicLong();
            AtomicLong recording = new AtomicLong();
            String pad = "p".repeat(200);
            try (DualMessageBus bus = RedisBuses.dualBus(
                    RoutingTable.defaults(),
                    RedisBusConfig.defaults(marketData.url(), "bench"),
                    RedisBusConfig.defaults(engineLogic.url(), "bench"))) {
                bus.subscribe(
                        new SubscriptionSpec(
                                "strategy",
                                "strategy-1",
                                List.of("market_data.*"),
                                EnumSet.of(MessageType.MARKET_DATA)),
                        m -> {
                            long now = System.nanoTime();
                            Probe probe = m.payloadAs(Probe.class);
                            if (recording.get() == 1) {
                                histogram.recordValue(
                                        Math.min(now - probe.intendedNanos(), histogram.getHighestTrackableValue()));
                                fromSend.recordValue(
                                        Math.min(now - probe.sentNanos(), fromSend.getHighestTrackableValue()));
                            }
                            handled.incrementAndGet();
                        });
                long warmup = ratePerSecond
                        * 5L; // JIT warm-up of both ends; a cold start builds a backlog that takes seconds to drain
                long total = warmup + ratePerSecond * duration.toSeconds();
                FixedRate.run(total, ratePerSecond, TimeUnit.MILLISECONDS.toNanos(100), (i, intended) -> {
                    if (i == warmup) {
                        recording.set(1);
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
                synchronized (histogram) {
                    report.put("p50 (us) (aim <= 150)", histogram.getValueAtPercentile(50) / 1e3)
                            .put("p99 (us) (aim <= 1000)", histogram.getValueAtPercentile(99) / 1e3)
                            .put("p99.9 (us) (aim <= 3000)", histogram.getValueAtPercentile(99.9) / 1e3)
                            .put("max (us)", histogram.getMaxValue() / 1e3)
                            .put(
                                    "from the publish call instead, p50 / p99 / p99.9 (us)",
                                    String.format(
                                            "%.0f / %.0f / %.0f",
                                            fromSend.getValueAtPercentile(50) / 1e3,
                                            fromSend.getValueAtPercentile(99) / 1e3,
                                            fromSend.getValueAtPercentile(99.9) / 1e3))
                            .put("floor: redis-benchmark -c 1 -P 1 XADD p50 (us)", floor.p50Millis() * 1e3)
                            .put(
                                    "floor: minimal blocking client, same commands and rate, p50 / p99 / p99.9 (us)",
                                    String.format(
                                            "%.0f / %.0f / %.0f",
                                            minimal.getValueAtPercentile(50) / 1e3,
                                            minimal.getValueAtPercentile(99) / 1e3,
                                            minimal.getValueAtPercentile(99.9) / 1e3))
                            .put(
                                    "floor: a parked thread wakes late by, p50 / p99 / p99.9 (us)",
                                    String.format(
                                            "%.0f / %.0f / %.0f",
                                            wakeup.getValueAtPercentile(50) / 1e3,
                                            wakeup.getValueAtPercentile(99) / 1e3,
                                            wakeup.getValueAtPercentile(99.9) / 1e3))
                            .put("floor: a thread spinning on the clock is stopped by the machine", stalls.toString())
                            .put("rate (msg/s)", ratePerSecond)
                            .put("measured messages", histogram.getTotalCount())
                            .put("handled / published", handled.get() + " / " + total);
                }
            }
        }
        return report;
    }
}
