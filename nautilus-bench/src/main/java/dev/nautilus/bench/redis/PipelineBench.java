package dev.nautilus.bench.redis;

import dev.nautilus.bench.BenchReport;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.bus.redis.RedisServer;
import dev.nautilus.engines.EngineCatalog;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.marketdata.BitstampTradeReplay;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.marketdata.TradeLoad;
import java.util.concurrent.TimeUnit;

/**
 * The real BTC replay (99,982 trades) through every engine this build has — MarketData hub →
 * Features and VPIN — as fast as possible, in memory and over two Redis servers: trades per second
 * from the first publish until both engines have handled the last trade.
 */
public final class PipelineBench {

    private PipelineBench() {
    }

    public static BenchReport run() throws Exception {
        TradeLoad trades = BitstampTradeReplay.load();
        BenchReport report = new BenchReport("pipeline");
        double memory;
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            replay(bus, trades); // warm-up
        }
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            memory = replay(bus, trades);
        }
        double redis;
        try (RedisServer md = RedisServer.start(); RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(RoutingTable.defaults(), RedisBusConfig.defaults(md.url(), "bench")
                        .withMaxBufferedWhileDown(200_000), RedisBusConfig.defaults(el.url(), "bench"))) {
            redis = replay(bus, trades);
        }
        report.put("in-memory: trades/s through hub, features, VPIN (aim >= 1,000,000)", memory)
                .put("Redis buses: trades/s through hub, features, VPIN (aim >= 50,000)", redis)
                .put("trades", trades.trades().size())
                .put("engines", String.join(", ", EngineCatalog.ALL));
        return report;
    }

    private static double replay(MessageBus bus, TradeLoad trades) throws Exception {
        try (EngineHost host = new EngineHost(bus, "bench")) {
            MarketDataHub hub = null;
            long start = System.nanoTime();
            for (String name : EngineCatalog.ALL) {
                var engine = EngineCatalog.create(name, trades, 0);
                if (engine instanceof MarketDataHub h) {
                    hub = h;
                }
                host.start(engine);
            }
            hub.done().get(10, TimeUnit.MINUTES);
            long expected = hub.published();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while ((host.stats("features").received() < expected || host.stats("vpin").received() < expected)
                    && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            return expected / ((System.nanoTime() - start) / 1e9);
        }
    }
}
