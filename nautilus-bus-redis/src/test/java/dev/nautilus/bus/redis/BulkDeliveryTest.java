package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Bus;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A large burst over Redis, so that replies span many socket reads and batches fill up: every
 * message arrives, intact, exactly as published, and the group ends with nothing pending.
 */
class BulkDeliveryTest {

    private static final int MESSAGES = 150_000;

    record Numbered(int n, String pad) {}

    @Test
    void everyMessageOfALargeBurstArrivesIntact() throws Exception {
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        RedisBusConfig.defaults(marketData.url(), "test")
                                .withMaxBufferedWhileDown(MESSAGES)
                                .withStreamMaxLen(MESSAGES), // a backlog past the cap is trimmed unread, by design
                        RedisBusConfig.defaults(engineLogic.url(), "test"))) {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            Map<String, String> wrong = new ConcurrentHashMap<>();
            bus.subscribe(
                    new SubscriptionSpec(
                            "features",
                            "features-1",
                            List.of("market_data.trade.*"),
                            EnumSet.of(MessageType.MARKET_DATA)),
                    m -> {
                        String expected = "{\"n\":" + m.correlationId() + ",\"pad\":\"" + "x".repeat(200) + "\"}";
                        if (!m.payload().json().equals(expected) || !m.topic().equals("market_data.trade.BTCUSD")) {
                            wrong.put(m.id(), m.payload().json());
                        }
                        seen.add(m.id());
                    });
            for (int i = 0; i < MESSAGES; i++) {
                bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                        .source("marketdata")
                        .correlationId(Integer.toString(i))
                        .payload(new Numbered(i, "x".repeat(200)))
                        .build());
            }
            ((RedisTransport) bus.transport(Bus.MARKETDATA)).awaitPublished(Duration.ofMinutes(2));
            await().atMost(Duration.ofMinutes(3)).until(() -> seen.size() >= MESSAGES);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> marketData
                                    .redis()
                                    .xpending("nautilus:marketdata:market_data", "features")
                                    .getCount()
                            == 0);
            assertThat(wrong).isEmpty();
            assertThat(seen).hasSize(MESSAGES);
            assertThat(marketData.redis().exists("nautilus:marketdata:dead")).isZero();
        }
    }
}
