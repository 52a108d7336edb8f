package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.BusBackpressureException;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Memory policy: which eviction policies a bus starts on, and what a full Redis under noeviction does. */
class RedisMemoryTest {

    private static final String PADDING = "x".repeat(400);

    private static RedisBusConfig config(RedisServer server) {
        return RedisBusConfig.defaults(server.url(), "platform");
    }

    @Test
    void aBusRefusesToStartOnAnEvictingPolicyUnlessToldAndSaysWhy() throws Exception {
        try (RedisServer lru = RedisServer.start("--maxmemory-policy", "allkeys-lru");
                RedisServer el = RedisServer.start()) {
            assertThatThrownBy(() -> RedisBuses.dualBus(RoutingTable.defaults(), config(lru), config(el))
                            .close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("MarketData bus refuses to start")
                    .hasMessageContaining("allkeys-lru")
                    .hasMessageContaining("consumer groups")
                    .hasMessageContaining("maxmemory-policy noeviction")
                    .hasMessageContaining("bus.allow_evicting_policy=true");
            assertThat(lru.redis().clientList()).doesNotContain("name=nautilus:platform:marketdata:cmd");
            try (DualMessageBus told = RedisBuses.dualBus(
                    RoutingTable.defaults(), config(lru).withAllowEvictingPolicy(true), config(el))) {
                assertThat(told.status())
                        .allSatisfy(status -> assertThat(status.connected()).isTrue());
            }
        }
        // Streams have no time to live: a volatile-* policy never evicts them.
        try (RedisServer volatileLru = RedisServer.start("--maxmemory-policy", "volatile-lru");
                RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(RoutingTable.defaults(), config(volatileLru), config(el))) {
            assertThat(bus.status())
                    .allSatisfy(status -> assertThat(status.connected()).isTrue());
        }
    }

    @Test
    void wherePolicyCannotBeReadByConfigGetInfoMemoryIsAsked() throws Exception {
        try (RedisServer random = RedisServer.start("--maxmemory-policy", "allkeys-random");
                RedisServer el = RedisServer.start()) {
            random.command("ACL", "SETUSER", "default", "-config");
            assertThatThrownBy(() -> RedisBuses.dualBus(RoutingTable.defaults(), config(random), config(el))
                            .close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("allkeys-random");
        }
    }

    /**
     * Scenario {@code redis-oom}: {@code maxmemory} reached under {@code noeviction}. Publishers get
     * back-pressure, every accepted message is delivered once when memory comes back, and a
     * consumer whose dead letter is refused does not handle the message again and again.
     */
    @Test
    void aFullRedisPushesBackOnPublishersLosesNothingAndStartsNoReHandlingLoop() throws Exception {
        try (RedisServer md = RedisServer.start("--maxmemory", "12mb", "--maxmemory-policy", "noeviction");
                RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        config(md)
                                .withStreamMaxLen(10_000_000)
                                .withMaxBufferedWhileDown(2_000)
                                .withMaxDeliveries(3),
                        config(el))) {
            Map<String, Integer> delivered = new ConcurrentHashMap<>();
            AtomicInteger poisonAttempts = new AtomicInteger();
            CountDownLatch full = new CountDownLatch(1);
            bus.subscribe(
                    new SubscriptionSpec("features", "features-1", List.of("*"), EnumSet.of(MessageType.MARKET_DATA)),
                    m -> {
                        if (m.topic().endsWith("poison")) {
                            // Holds the reader until Redis is full, then fails every time.
                            poisonAttempts.incrementAndGet();
                            full.await(60, TimeUnit.SECONDS);
                            throw new IllegalStateException("poisoned on purpose");
                        }
                        delivered.merge(m.id(), 1, Integer::sum);
                    });
            Message poison = Message.builder(MessageType.MARKET_DATA, "market_data.trade.poison")
                    .source("test")
                    .payload(Map.of())
                    .build();
            bus.publish(poison);
            await().atMost(Duration.ofSeconds(10)).until(() -> poisonAttempts.get() == 1);

            List<String> accepted = new ArrayList<>();
            List<String> rejected = new ArrayList<>();
            for (int i = 0; i < 1_000_000 && rejected.isEmpty(); i++) {
                Message message = Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                        .source("test")
                        .payload(Map.of("i", i, "padding", PADDING))
                        .build();
                try {
                    bus.publish(message);
                    accepted.add(message.id());
                } catch (BusBackpressureException e) {
                    rejected.add(message.id());
                    assertThat(e.getMessage()).contains("OOM");
                }
            }
            assertThat(rejected).as("a full Redis pushes back").hasSize(1);
            RedisTransport transport = (RedisTransport) bus.transport(Bus.MARKETDATA);
            assertThat(transport.status().lastError()).contains("OOM");
            assertThat(transport.status().rejected()).isEqualTo(1);

            // The poison fails its deliveries while Redis is full: its dead letter is refused (OOM).
            full.countDown();
            Thread.sleep(4_000);
            assertThat(poisonAttempts)
                    .as("handled once per allowed delivery, not again while its dead letter is refused")
                    .hasValue(3);
            assertThat(md.redis().exists("nautilus:marketdata:dead")).isZero();

            md.redis().configSet("maxmemory", "0");
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered.size() == accepted.size());
            assertThat(transport.awaitPublished(Duration.ofSeconds(30))).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> md.redis().xlen("nautilus:marketdata:dead") == 1);
            Thread.sleep(1_000);
            assertThat(poisonAttempts).hasValue(3);
            long redelivered = delivered.values().stream().mapToLong(n -> n - 1).sum();
            System.out.printf(
                    "redis-oom: maxmemory 12mb noeviction; %,d publishes accepted, then %,d refused with back-pressure; "
                            + "after memory came back %,d delivered, %,d redelivered; poison handled %d times (max deliveries 3), "
                            + "dead-lettered once%n",
                    accepted.size(), rejected.size(), delivered.size(), redelivered, poisonAttempts.get());
            assertThat(redelivered).isZero();
            assertThat(delivered.keySet())
                    .containsExactlyInAnyOrderElementsOf(accepted)
                    .doesNotContainAnyElementsOf(rejected);
        }
    }
}
