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
 * ran, is recreated where it had acknowledged up to. Deliveries are counted by message id.
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

    /** Scenario {@code group-destroyed}. */
    @Test
    void aGroupDestroyedUnderARunningReaderResumesAfterItsLastAcknowledgedEntry() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = bus(md, el)) {
            Deliveries deliveries = new Deliveries();
            subscribe(bus, deliveries);
            int consumed = 100_000;
            publish(bus, 0, consumed);
            await().atMost(Duration.ofSeconds(120)).until(() -> deliveries.distinct() == consumed);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> md.redis().xpending(STREAM, "features").getCount() == 0);
            // The position went out with the last acknowledgements.
            String lastId = md.redis()
                    .xrevrange(STREAM, io.lettuce.core.Range.create("-", "+"), io.lettuce.core.Limit.from(1))
                    .get(0)
                    .getId();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> lastId.equals(md.redis().hget(STATE, STREAM)));

            assertThat(md.redis().xgroupDestroy(STREAM, "features")).isTrue();
            publish(bus, consumed, consumed + 100);

            await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.distinct() == consumed + 100);
            Thread.sleep(1_000);
            System.out.printf(
                    "group-destroyed: %,d consumed, group destroyed, %,d published after; %,d distinct delivered, "
                            + "%,d redelivered%n",
                    consumed, 100, deliveries.distinct(), deliveries.redeliveries());
            assertThat(deliveries.redeliveries()).isZero();
        }
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
