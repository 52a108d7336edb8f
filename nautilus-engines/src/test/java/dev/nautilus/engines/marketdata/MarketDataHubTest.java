package dev.nautilus.engines.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.engines.host.EngineHost;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarketDataHubTest {

    private static final long MINUTE = 60_000_000L;

    private MessageBus bus;
    private EngineHost host;
    private MarketDataHub hub;
    private SimpleMeterRegistry meters;
    private final List<Message> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        bus = InMemoryTransport.dualBus();
        meters = new SimpleMeterRegistry();
        hub = new MarketDataHub();
        host = new EngineHost(bus, meters, "1", List.of(hub));
        bus.endpoint("listener", "listener-1")
                .subscribe(
                        List.of("market_data.*", "price.update.*"),
                        Set.of(MessageType.MARKET_DATA, MessageType.PRICE_UPDATE),
                        received::add);
        host.start();
    }

    @AfterEach
    void stop() {
        host.close();
        bus.close();
    }

    @Test
    void badTradesAreRejectedCountedAndNeverPublished() {
        assertThat(hub.ingest(Trade.of("BTCUSD", 10 * MINUTE, 100, 1))).isTrue();
        assertThat(hub.ingest(Trade.of("BTCUSD", 10 * MINUTE + 1, Double.NaN, 1)))
                .isFalse();
        assertThat(hub.ingest(Trade.of("BTCUSD", 10 * MINUTE + 2, 101, -3))).isFalse();
        assertThat(hub.ingest(Trade.of("BTCUSD", 10 * MINUTE - 5, 101, 1))).isFalse(); // time going backwards
        assertThat(hub.ingest(Trade.of("BTCUSD", 10 * MINUTE + 3, -1, 1))).isFalse();
        assertThat(hub.ingest(Trade.of("BTCUSD", 11 * MINUTE, 102, 2))).isTrue(); // completes the first bar

        assertThat(hub.acceptedCount()).isEqualTo(2);
        assertThat(hub.rejections())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        Validation.Reason.PRICE_NOT_FINITE,
                        1L,
                        Validation.Reason.SIZE_NOT_POSITIVE,
                        1L,
                        Validation.Reason.TIMESTAMP_BACKWARDS,
                        1L,
                        Validation.Reason.PRICE_NOT_POSITIVE,
                        1L));
        assertThat(meters.get("nautilus.marketdata.rejected")
                        .tag("reason", "size_not_positive")
                        .functionCounter()
                        .count())
                .isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);
        assertThat(received)
                .extracting(Message::topic)
                .containsExactly(
                        "market_data.trade.BTCUSD",
                        "market_data.bar.BTCUSD",
                        "price.update.BTCUSD",
                        "market_data.trade.BTCUSD");
        Bar bar = received.get(1).payloadAs(Bar.class);
        assertThat(bar.close()).isEqualTo(100);
        assertThat(bar.volume()).isEqualTo(1);
    }

    @Test
    void answersSnapshotRequestsOverTheBusFromTheLastValueCache() throws Exception {
        hub.ingest(Trade.of("ETHUSD", MINUTE, 2000, 1));
        var requester = bus.endpoint("tester", "tester-1");

        Message found = requester
                .request(
                        MessageType.SYSTEM_COORDINATION,
                        "market_data.snapshot.ETHUSD",
                        new SnapshotRequest("ETHUSD"),
                        Duration.ofSeconds(5))
                .get();
        Message missing = requester
                .request(
                        MessageType.SYSTEM_COORDINATION,
                        "market_data.snapshot.XRPUSD",
                        new SnapshotRequest("XRPUSD"),
                        Duration.ofSeconds(5))
                .get();

        assertThat(found.payloadAs(MarketSnapshot.class).trade().price()).isEqualTo(2000);
        assertThat(missing.payloadAs(MarketSnapshot.class).found()).isFalse();
        assertThat(hub.cache().hits()).isEqualTo(1);
        assertThat(hub.cacheHitRate()).isBetween(0.0, 1.0);
        requester.close();
    }

    @Test
    void barsFromABarSourceArePublishedInOrderAndOverlapsRefused() {
        Bar first = new Bar("AAPL", 0, 86_400_000_000L, 10, 12, 9, 11, 1000, 11, 0);
        Bar second = new Bar("AAPL", 86_400_000_000L, 172_800_000_000L, 11, 13, 10, 12, 900, 12, 0);
        hub.ingestBar(first);
        hub.ingestBar(second);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub.ingestBar(first))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AAPL")
                .hasMessageContaining("overlaps");

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);
        assertThat(received)
                .extracting(Message::topic)
                .containsExactly(
                        "market_data.bar.AAPL", "price.update.AAPL", "market_data.bar.AAPL", "price.update.AAPL");
        assertThat(received.get(2).payloadAs(Bar.class)).isEqualTo(second);
        assertThat(hub.barCount()).isEqualTo(2);
        assertThat(hub.snapshot("AAPL").bar()).isEqualTo(second);
    }
}
