package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Group state that survives operators: a group destroyed under a running reader, or while no reader
 * ran, is recreated where it had acknowledged up to. Deliveries are counted by message id. The
 * destroy under a running reader of 100,000 consumed entries is the chaos scenario
 * {@code group-destroyed} (nautilus-bench, {@code ./nautilus chaos group-destroyed}).
 */
class GroupStateTest {

    private static final String STREAM = "nautilus:marketdata:market_data";
    private static final String STATE = "nautilus:marketdata:groups:features";

    /** How often each message id was delivered. */
    private static final class Deliveries {
        private final Map<String, Integer> byId = new ConcurrentHashMap<>();

        void add(Message message) {
            byId.merge(message.id(), 1, Integer::sum);
        }

        int distinct() {
            return byId.size();
        }

        long redeliveries() {
            return byId.values().stream().mapToLong(n -> n - 1).sum();
        }
    }

    private static Message tick(int i) {
        return Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                .source("test")
                .payload(Map.of("i", i))
                .build();
    }

    private static DualMessageBus bus(RedisServer md, RedisServer el) {
        return RedisBuses.dualBus(
                RoutingTable.defaults(),
                RedisBusConfig.defaults(md.url(), "platform").withMaxBufferedWhileDown(200_000),
                RedisBusConfig.defaults(el.url(), "platform"));
    }

    private static void subscribe(DualMessageBus bus, Deliveries deliveries) {
        bus.subscribe(
                new SubscriptionSpec("features", "features-1", List.of("*"), EnumSet.of(MessageType.MARKET_DATA)),
                deliveries::add);
    }

    private static void publish(DualMessageBus bus, int from, int to) {
        for (int i = from; i < to; i++) {
            bus.publish(tick(i));
        }
        assertThat(((RedisTransport) bus.transport(dev.nautilus.bus.Bus.MARKETDATA))
                        .awaitPublished(Duration.ofSeconds(60)))
                .isTrue();
    }

    @Test
    void aGroupDestroyedWhileNoReaderRanStartsAtItsRecordedPosition() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start()) {
            Deliveries deliveries = new Deliveries();
            try (DualMessageBus first = bus(md, el)) {
                subscribe(first, deliveries);
                publish(first, 0, 1_000);
                await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.distinct() == 1_000);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> md.redis().hget(STATE, STREAM) != null
                                && md.redis().xpending(STREAM, "features").getCount() == 0);
            }
            assertThat(md.redis().xgroupDestroy(STREAM, "features")).isTrue();
            try (DualMessageBus second = bus(md, el)) {
                // A new group would start at "$" (new messages only) and miss these.
                publish(second, 1_000, 1_050);
                subscribe(second, deliveries);
                await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.distinct() == 1_050);
                Thread.sleep(500);
                assertThat(deliveries.redeliveries()).isZero();
            }
        }
    }
}
