package dev.nautilus.bench.pipeline;

import dev.nautilus.app.engines.PipelineRun;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.bench.BenchReport;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.testkit.RedisServer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * {@code ./nautilus bench pipeline}: the real BTC trades through the whole pipeline (hub → features,
 * VPIN, enhanced VPIN → strategy → portfolio → risk, collateral) as fast as possible, in memory and
 * over two Redis servers (after one warm-up run in memory): trades/s; and over Redis the tick-to-signal
 * latency (hub publishing a bar → the strategy's decision on it received), both paced (the first
 * 20,000 trades at 5,000× real time, no backlog) and as fast as possible (where it measures the backlog).
 */
public final class PipelineBench {

    private PipelineBench() {}

    public static BenchReport run(int limit) throws Exception {
        List<Trade> trades = ReplaySource.bitstamp(limit);
        PipelineRun.Outcome memory = null;
        long memoryCpuNanos = 0;
        for (int run = 0; run < 2; run++) {
            try (MessageBus bus = InMemoryTransport.dualBus()) {
                long cpuBefore = processCpuNanos();
                memory = PipelineRun.run(bus, trades, false, Duration.ofMinutes(5));
                memoryCpuNanos = processCpuNanos() - cpuBefore;
            }
        }
        // The in-memory runs have warmed the engines' code; one Redis run keeps the scenario near a minute.
        PipelineRun.Outcome redis;
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start();
                MessageBus bus = RedisBuses.dualBus(RoutingTable.defaults(), config(marketData), config(engineLogic))) {
            redis = PipelineRun.run(bus, trades, true, Duration.ofMinutes(10));
        }
        // Latency without saturation: the first 20,000 trades (about 34 hours of trading) at 5,000x real time.
        PipelineRun.Outcome paced;
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start();
                MessageBus bus = RedisBuses.dualBus(RoutingTable.defaults(), config(marketData), config(engineLogic))) {
            paced = PipelineRun.run(
                    bus, trades.subList(0, Math.min(20_000, trades.size())), 5000, true, Duration.ofMinutes(10));
        }
        Histogram saturated = redis.tickToSignal();
        Histogram latency = paced.tickToSignal();
        return new BenchReport("pipeline")
                .put("in-memory trades/s (aim >= 1,000,000)", memory.trades() / memory.seconds())
                // on a shared machine the wall-clock rate is the scheduler's; CPU per trade is the work
                .put(
                        "in-memory CPU per trade (us, this process, idle consumers' spinning included)",
                        memoryCpuNanos / 1e3 / memory.trades())
                .put("Redis trades/s (aim >= 50,000)", redis.trades() / redis.seconds())
                .put("Redis tick-to-signal, paced x5000: p50 (us)", (double) latency.getValueAtPercentile(50))
                .put("Redis tick-to-signal, paced x5000: p99 (us) (aim <= 5000)", (double)
                        latency.getValueAtPercentile(99))
                .put(
                        "Redis tick-to-signal, paced x5000: max (us), bars",
                        latency.getMaxValue() + ", " + latency.getTotalCount())
                .put("Redis tick-to-signal, as fast as possible (backlog): p50 (us)", (double)
                        saturated.getValueAtPercentile(50))
                .put(
                        "trades, bars, signals",
                        memory.trades() + ", " + memory.bars() + ", "
                                + memory.signals().size())
                .put(
                        "same signals on both transports",
                        memory.signals().toString().equals(redis.signals().toString()))
                .put(
                        "final equity in memory / over Redis",
                        memory.portfolio().equity() + " / " + redis.portfolio().equity());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static RedisBusConfig config(RedisServer server) {
        // Streams long enough for the whole replay: a consumer lagging by more than MAXLEN would lose entries.
        return RedisBusConfig.defaults(server.url(), "pipeline-bench").withStreamMaxLen(1_000_000);
    }
}
