package dev.nautilus.bus.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.BusBackpressureException;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryBackpressureTest {

    private static final int CAPACITY = 2048;

    static Message tick(int i) {
        return Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                .source("test")
                .payload(Map.of("i", i))
                .build();
    }

    @Test
    void aStuckConsumerFailsThePublisherVisiblyInsteadOfGrowingMemory() throws Exception {
        InMemoryConfig config =
                InMemoryConfig.defaults().withLaneCapacity(CAPACITY).withPublishTimeout(Duration.ofMillis(200));
        try (MessageBus bus = InMemoryTransport.dualBus(RoutingTable.defaults(), config)) {
            CountDownLatch release = new CountDownLatch(1);
            bus.subscribe(
                    new SubscriptionSpec("slow", "slow-1", List.of("*"), EnumSet.of(MessageType.MARKET_DATA)),
                    m -> release.await());
            int accepted = 0;
            BusBackpressureException failure = null;
            for (int i = 0; i < CAPACITY * 4 && failure == null; i++) {
                try {
                    bus.publish(tick(i));
                    accepted++;
                } catch (BusBackpressureException e) {
                    failure = e;
                }
            }
            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).contains("group 'slow'", "MarketData", "did not drain within 200 ms");
            // The stuck consumer holds one drained batch, the lane holds the rest: the bound holds.
            assertThat(accepted)
                    .isBetween(
                            CAPACITY + 1, CAPACITY + InMemoryConfig.defaults().batchSize());
            var status = bus.status().stream()
                    .filter(s -> s.bus() == Bus.MARKETDATA)
                    .findFirst()
                    .orElseThrow();
            assertThat(status.rejected()).isEqualTo(1);
            assertThat(status.queued()).isEqualTo(CAPACITY);
            release.countDown();
        }
    }

    @Test
    void aSlowConsumerSlowsThePublisherButLosesNothing() {
        InMemoryConfig config =
                InMemoryConfig.defaults().withLaneCapacity(CAPACITY).withPublishTimeout(Duration.ofSeconds(30));
        try (MessageBus bus = InMemoryTransport.dualBus(RoutingTable.defaults(), config)) {
            AtomicInteger handled = new AtomicInteger();
            bus.subscribe(
                    new SubscriptionSpec("slow", "slow-1", List.of("*"), EnumSet.of(MessageType.MARKET_DATA)), m -> {
                        if (m.payloadAs(Map.class).get("i") instanceof Integer i && i % 1000 == 0) {
                            Thread.sleep(5);
                        }
                        handled.incrementAndGet();
                    });
            int total = CAPACITY * 10;
            for (int i = 0; i < total; i++) {
                bus.publish(tick(i));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.get() == total);
            assertThat(bus.status().get(0).rejected()).isZero();
        }
    }

    @Test
    void publishingAfterCloseIsAClearError() {
        MessageBus bus = InMemoryTransport.dualBus();
        bus.close();
        assertThatThrownBy(() -> bus.publish(tick(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void instancesOfAGroupMustSubscribeAlike() {
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            bus.subscribe(
                    new SubscriptionSpec("risk", "risk-1", List.of("a.*"), EnumSet.of(MessageType.RISK_METRIC)),
                    m -> {});
            assertThatThrownBy(() -> bus.subscribe(
                            new SubscriptionSpec("risk", "risk-2", List.of("b.*"), EnumSet.of(MessageType.RISK_METRIC)),
                            m -> {}))
                    .hasMessageContaining("must subscribe alike");
            assertThatThrownBy(() -> bus.subscribe(
                            new SubscriptionSpec("risk", "risk-1", List.of("a.*"), EnumSet.of(MessageType.RISK_METRIC)),
                            m -> {}))
                    .hasMessageContaining("already subscribed");
        }
    }
}
