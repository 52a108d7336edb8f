package dev.nautilus.bus.redis.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.bus.redis.RedisTransport;
import dev.nautilus.testkit.RedisServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** "Trimmed before delivery", counted per group from Redis's own counters and shown by the monitor and its meters. */
class TrimmedBeforeDeliveryTest {

    private static final String STREAM = "nautilus:marketdata:market_data";

    private static GroupInfo group(BusMonitor monitor, String name) {
        return monitor.snapshot().redis().get(0).stream(STREAM).orElseThrow().groups().stream()
                .filter(g -> g.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** Scenario {@code slow-consumer}: a group 150,000 behind a 100,000 cap. */
    @Test
    void aGroupFallenBehindTheCapIsToldExactlyHowManyEntriesItLost() throws Exception {
        int published = 250_000;
        int cap = 100_000;
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        RedisBusConfig.defaults(md.url(), "platform")
                                .withStreamMaxLen(cap)
                                .withMaxBufferedWhileDown(300_000),
                        RedisBusConfig.defaults(el.url(), "platform"));
                BusMonitor monitor = new BusMonitor(
                        List.of(MonitorTarget.forBus(Bus.MARKETDATA, md.url(), "nautilus")),
                        Duration.ofSeconds(5),
                        Duration.ZERO)) {
            Map<String, Integer> delivered = new ConcurrentHashMap<>();
            SubscriptionSpec spec =
                    new SubscriptionSpec("features", "features-1", List.of("*"), EnumSet.of(MessageType.MARKET_DATA));
            // The group exists and its engine is stopped: everything published now waits for it, or is trimmed.
            Subscription stopped = bus.subscribe(spec, m -> delivered.merge(m.id(), 1, Integer::sum));
            stopped.close();
            for (int i = 0; i < published; i++) {
                bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                        .source("test")
                        .payload(Map.of("i", i))
                        .build());
            }
            assertThat(((RedisTransport) bus.transport(Bus.MARKETDATA)).awaitPublished(Duration.ofSeconds(120)))
                    .isTrue();

            long length = md.redis().xlen(STREAM);
            assertThat(length)
                    .as("memory bounded by the cap (MAXLEN ~ trims whole nodes)")
                    .isBetween((long) cap, cap + 1_000L);
            GroupInfo behind = group(monitor, "features");
            assertThat(behind.trimmed()).isEqualTo(OptionalLong.of(published - length));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (BusMonitorMetrics metrics = new BusMonitorMetrics(monitor, registry, Duration.ofMillis(200))) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> registry.find("nautilus.bus.group.trimmed_entries")
                                        .tags("stream", STREAM, "group", "features")
                                        .gauge()
                                != null);
                Gauge gauge = registry.find("nautilus.bus.group.trimmed_entries")
                        .tags("stream", STREAM, "group", "features")
                        .gauge();
                assertThat(gauge.value()).isEqualTo((double) (published - length));
            }

            // The engine comes back and reads what is left: what it never gets is exactly the count.
            bus.subscribe(spec, m -> delivered.merge(m.id(), 1, Integer::sum));
            await().atMost(Duration.ofSeconds(120)).until(() -> delivered.size() == length);
            Thread.sleep(500);
            long lost = published - delivered.size();
            System.out.printf(
                    "slow-consumer: %,d published, cap %,d, stream length %,d; trimmed before delivery %,d, "
                            + "lost (counted by id) %,d%n",
                    published, cap, length, behind.trimmed().getAsLong(), lost);
            assertThat(lost).isEqualTo(behind.trimmed().getAsLong());
            assertThat(delivered.values().stream().mapToLong(n -> n - 1).sum()).isZero();
        }
    }

    @Test
    void aGroupThatKeptUpLostNothingAndDeletionsMakeTheCountUnknown() throws Exception {
        try (RedisServer md = RedisServer.start();
                BusMonitor monitor = new BusMonitor(
                        List.of(MonitorTarget.forBus(Bus.MARKETDATA, md.url(), "nautilus")),
                        Duration.ofSeconds(5),
                        Duration.ZERO)) {
            md.command("XGROUP", "CREATE", STREAM, "features", "$", "MKSTREAM");
            for (int i = 1; i <= 10; i++) {
                md.command("XADD", STREAM, i + "-1", "f", "v");
            }
            md.command("XREADGROUP", "GROUP", "features", "c", "COUNT", "3", "STREAMS", STREAM, ">");
            assertThat(group(monitor, "features").trimmed()).hasValue(0);
            md.command("XTRIM", STREAM, "MAXLEN", "4");
            // Read 3, entries 4..6 trimmed before it read them.
            assertThat(group(monitor, "features").trimmed()).hasValue(3);
            md.command("XDEL", STREAM, "9-1");
            assertThat(group(monitor, "features").trimmed()).isEmpty();
        }
    }
}
