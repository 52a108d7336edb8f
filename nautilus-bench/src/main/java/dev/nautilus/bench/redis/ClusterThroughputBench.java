package dev.nautilus.bench.redis;

import dev.nautilus.bench.BenchReport;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.bus.redis.RedisTransport;
import dev.nautilus.testkit.RedisCluster;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The Engine Logic bus on a three-node Redis Cluster against the same bus on a single Redis, same
 * workload, same run: one publisher spreading 256-byte messages over three types whose streams an
 * evenly split cluster puts on three different nodes (factor_calculation, risk_metric,
 * strategy_signal hash to slots 7805, 12421 and 2288), one consumer group reading all three, timed
 * until every message is handled and acknowledged. On a machine whose cores the nodes share, the
 * cluster cannot be faster; the figure is what a cluster costs, and proof that the path holds under load.
 */
public final class ClusterThroughputBench {

    private static final Set<MessageType> TYPES =
            EnumSet.of(MessageType.FACTOR_CALCULATION, MessageType.RISK_METRIC, MessageType.STRATEGY_SIGNAL);

    private ClusterThroughputBench() {}

    public static BenchReport run(int messages) throws Exception {
        BenchReport report = new BenchReport("cluster");
        double single;
        try (RedisServer engineLogic = RedisServer.start();
                RedisServer marketData = RedisServer.start()) {
            single = measure(
                    config(engineLogic.url(), messages, false),
                    marketData.url(),
                    messages,
                    key -> pending(engineLogic, key));
        }
        double clustered;
        try (RedisCluster cluster = RedisCluster.start(3);
                RedisServer marketData = RedisServer.start()) {
            clustered = measure(
                    config(cluster.url(), messages, true),
                    marketData.url(),
                    messages,
                    key -> pending(cluster.nodeOf(key), key));
        }
        return report.put("ratio 3-node cluster / single Redis", clustered / single)
                .put("single Redis, publish->handled->acked (msg/s)", single)
                .put("3-node cluster, publish->handled->acked (msg/s)", clustered)
                .put("messages, spread over types", messages + " over " + TYPES)
                .put("cores the nodes share", Runtime.getRuntime().availableProcessors());
    }

    private static RedisBusConfig config(String url, int messages, boolean cluster) {
        // the burst is published before the consumer catches up: the stream cap must hold it all
        return RedisBusConfig.defaults(url, "bench")
                .withMaxBufferedWhileDown(messages + 100_000)
                .withStreamMaxLen(messages + 100_000L)
                .withCluster(cluster);
    }

    private static double measure(
            RedisBusConfig engineLogic, String marketDataUrl, int messages, ToLongFunction<String> pending)
            throws InterruptedException {
        AtomicLong handled = new AtomicLong();
        try (DualMessageBus bus = RedisBuses.dualBus(
                RoutingTable.defaults(), RedisBusConfig.defaults(marketDataUrl, "bench"), engineLogic)) {
            bus.subscribe(
                    new SubscriptionSpec("portfolio", "portfolio-1", List.of("*"), TYPES),
                    m -> handled.incrementAndGet());
            publishAndDrain(bus, messages / 5, handled, pending);
            handled.set(0);
            long start = System.nanoTime();
            publishAndDrain(bus, messages, handled, pending);
            return messages / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void publishAndDrain(
            DualMessageBus bus, int count, AtomicLong handled, ToLongFunction<String> pending)
            throws InterruptedException {
        RedisThroughputBench.Tick tick = RedisThroughputBench.Tick.ofJsonSize(256);
        MessageType[] types = TYPES.toArray(MessageType[]::new);
        for (int i = 0; i < count; i++) {
            MessageType type = types[i % types.length];
            bus.publish(Message.builder(type, "bench." + type.wireName() + ".BTCUSD")
                    .source("bench")
                    .payload(tick)
                    .build());
        }
        RedisTransport transport = (RedisTransport) bus.transport(Bus.ENGINE_LOGIC);
        transport.awaitPublished(Duration.ofMinutes(2));
        Drain.await(
                handled,
                count,
                () -> TYPES.stream()
                                .mapToLong(type -> pending.applyAsLong(transport.streamOf(type)))
                                .sum()
                        == 0,
                () -> "dead letters "
                        + bus.status().stream()
                                .filter(s -> s.bus() == Bus.ENGINE_LOGIC)
                                .findFirst()
                                .orElseThrow()
                                .deadLettered());
    }

    private static long pending(RedisServer node, String key) {
        String reply = node.command("XPENDING", key, "portfolio");
        // *4 :count ...
        return Long.parseLong(reply.split("\r\n")[1].substring(1));
    }
}
