package dev.nautilus.app.engines;

import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.bus.redis.RedisServer;
import dev.nautilus.engines.marketdata.Trade;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * End-to-end benchmark (not a test): the 99,982 real BTC trades through the whole pipeline as fast
 * as possible, on the in-memory buses and on two real redis-server processes (one per bus, started
 * on free ports), reporting trades/s and tick-to-signal latency percentiles: from the hub
 * publishing a one-minute bar to the recorder receiving the strategy's decision on that bar
 * (through VPIN on the Engine Logic bus and the bar join in the strategy). The first run per
 * transport is a warm-up. The run also says whether both transports produced the same signals.
 *
 * <p>Argument: number of trades (default all).
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        List<Trade> trades = ReplaySource.bitstamp(limit);
        System.out.printf("pipeline benchmark: %d BTC trades, %d cores, Java %s%n", trades.size(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        PipelineRun.Outcome memory = null;
        for (int run = 0; run < 2; run++) {
            try (MessageBus bus = InMemoryTransport.dualBus()) {
                memory = PipelineRun.run(bus, trades, true, Duration.ofMinutes(5));
            }
            report(run == 0 ? "in-memory (warm-up)" : "in-memory", memory);
        }
        PipelineRun.Outcome redis = null;
        for (int run = 0; run < 2; run++) {
            try (RedisServer marketData = RedisServer.start(); RedisServer engineLogic = RedisServer.start();
                    MessageBus bus = RedisBuses.dualBus(RoutingTable.defaults(), config(marketData), config(engineLogic))) {
                redis = PipelineRun.run(bus, trades, true, Duration.ofMinutes(10));
            }
            report(run == 0 ? "redis (warm-up)" : "redis", redis);
        }
        // latency without saturation: the first 20,000 trades (≈ 34 hours of trading) paced at x5000,
        // ≈ 1,000 trades/s on average with the recording's own bursts, well below the Redis pipeline's capacity
        List<Trade> paced = trades.subList(0, Math.min(20_000, trades.size()));
        try (RedisServer marketData = RedisServer.start(); RedisServer engineLogic = RedisServer.start();
                MessageBus bus = RedisBuses.dualBus(RoutingTable.defaults(), config(marketData), config(engineLogic))) {
            report("redis paced x5000", PipelineRun.run(bus, paced, 5000, true, Duration.ofMinutes(10)));
        }
        System.out.printf("same signals on both transports: %s; final equity in-memory %s, redis %s%n",
                memory.signals().toString().equals(redis.signals().toString()), memory.portfolio().equity(),
                redis.portfolio().equity());
        System.exit(0);
    }

    private static RedisBusConfig config(RedisServer server) {
        // streams long enough to hold the whole replay: a consumer lagging by more than MAXLEN would lose trimmed entries
        return RedisBusConfig.defaults(server.url(), "pipeline-bench").withStreamMaxLen(1_000_000);
    }

    private static void report(String name, PipelineRun.Outcome o) {
        Histogram h = o.tickToSignal();
        System.out.printf("%-20s %,d trades, %,d bars, %d signals, %.2f s, %,.0f trades/s; tick-to-signal µs p50=%d p90=%d p99=%d "
                        + "p99.9=%d max=%d (n=%d)%n", name, o.trades(), o.bars(), o.signals().size(), o.seconds(), o.trades() / o.seconds(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                h.getMaxValue(), h.getTotalCount());
    }
}
