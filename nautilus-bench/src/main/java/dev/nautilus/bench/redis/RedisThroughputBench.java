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
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput over Redis, publish → handled → acknowledged, one publisher and one group, with a
 * 256-byte payload, beside {@code redis-benchmark -P 64 XADD} of the same payload size on the
 * same Redis in the same run. With {@code packed}, the type is packed ({@code bus.packed_types}):
 * a batch's messages go several to a stream entry, and the aim is to deliver at least as many
 * messages per second as {@code redis-benchmark} adds entries.
 */
public final class RedisThroughputBench {

    /** The payload: a trade padded so that its JSON is 256 bytes. */
    public record Tick(String instrument, double price, double size, String pad) {
        public static Tick ofJsonSize(int bytes) {
            String base = dev.nautilus.bus.Json.write(new Tick("BTCUSD", 812.5, 0.25, ""));
            return new Tick("BTCUSD", 812.5, 0.25, "p".repeat(Math.max(0, bytes - base.length())));
        }
    }

    private RedisThroughputBench() {}

    public static BenchReport run(int messages, boolean packed) throws Exception {
        BenchReport report = new BenchReport(packed ? "throughput-packed" : "throughput");
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start()) {
            RedisBenchmarkTool.Result baseline = RedisBenchmarkTool.xadd(marketData.port(), 500_000, 50, 64, 256);
            marketData.redis().flushall();
            Tick tick = Tick.ofJsonSize(256);
            AtomicLong handled = new AtomicLong();
            try (DualMessageBus bus = RedisBuses.dualBus(
                    RoutingTable.defaults(),
                    RedisBusConfig.defaults(marketData.url(), "bench")
                            .withMaxBufferedWhileDown(messages + 100_000)
                            // the whole burst is published before the consumer catches up; with the
                            // default cap (100,000) XADD would trim entries the group has not read yet
                            .withStreamMaxLen(messages + 100_000L)
                            .withPackedTypes(
                                    packed ? EnumSet.of(MessageType.MARKET_DATA) : EnumSet.noneOf(MessageType.class)),
                    RedisBusConfig.defaults(engineLogic.url(), "bench"))) {
                bus.subscribe(
                        new SubscriptionSpec(
                                "features",
                                "features-1",
                                List.of("market_data.*"),
                                EnumSet.of(MessageType.MARKET_DATA)),
                        m -> handled.incrementAndGet());
                publishAndDrain(bus, marketData, tick, messages / 5, handled);
                handled.set(0);
                double redisCpuBefore = ServerStats.cpuSeconds(marketData);
                var commandsBefore = ServerStats.commandTimes(marketData);
                long clientCpuBefore = processCpuNanos();
                long allocatedBefore = allocatedBytes();
                long start = System.nanoTime();
                publishAndDrain(bus, marketData, tick, messages, handled);
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = messages / seconds;
                double redisMicros = (ServerStats.cpuSeconds(marketData) - redisCpuBefore) * 1e6 / messages;
                double clientMicros = (processCpuNanos() - clientCpuBefore) / 1e3 / messages;
                double allocated = (double) (allocatedBytes() - allocatedBefore) / messages;
                long entries = marketData
                        .redis()
                        .xlen(((RedisTransport) bus.transport(Bus.MARKETDATA)).streamOf(MessageType.MARKET_DATA));
                String commands = ServerStats.perMessage(
                        commandsBefore, ServerStats.commandTimes(marketData), messages, "xadd", "xreadgroup", "xack");
                report.put(
                                packed
                                        ? "packed ratio: delivered msg/s / redis-benchmark -P 64 XADD req/s (aim >= 1.0)"
                                        : "ratio nautilus / redis-benchmark -P 64 XADD (aim >= 0.5)",
                                rate / baseline.requestsPerSecond())
                        .put("nautilus publish->handled->acked (msg/s)", rate)
                        .put("redis-benchmark -c 50 -P 64 XADD 256 B (req/s)", baseline.requestsPerSecond())
                        .put("messages", messages)
                        .put("stream entries (both bursts: warm-up and measured)", entries)
                        .put("client allocation per message, all threads (bytes)", allocated)
                        .put(
                                "payload bytes (JSON)",
                                dev.nautilus.bus.Json.write(tick).length())
                        .put("elapsed (s)", seconds)
                        .put("dead letters", bus.status().get(0).deadLettered())
                        .put(
                                "CPU per message: Redis / this JVM, publisher and consumer (us)",
                                String.format("%.2f / %.2f", redisMicros, clientMicros))
                        .put("Redis commands per message (calls, time inside Redis)", commands)
                        .put(
                                "ceiling on these cores: cores / CPU per message (msg/s)",
                                Runtime.getRuntime().availableProcessors() * 1e6 / (redisMicros + clientMicros));
            }
        }
        return report;
    }

    /** Heap bytes every thread of this JVM has allocated so far, those ended among them. */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getTotalThreadAllocatedBytes();
    }

    /** CPU time this JVM has used, all threads. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void publishAndDrain(DualMessageBus bus, RedisServer redis, Tick tick, int count, AtomicLong handled)
            throws InterruptedException {
        for (int i = 0; i < count; i++) {
            bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                    .source("marketdata")
                    .payload(tick)
                    .build());
        }
        RedisTransport transport = (RedisTransport) bus.transport(Bus.MARKETDATA);
        transport.awaitPublished(Duration.ofMinutes(2));
        String stream = transport.streamOf(MessageType.MARKET_DATA);
        Drain.await(
                handled,
                count,
                () -> redis.redis().xpending(stream, "features").getCount() == 0,
                () -> "pending " + redis.redis().xpending(stream, "features").getCount() + ", dead letters "
                        + bus.status().get(0).deadLettered());
    }
}
