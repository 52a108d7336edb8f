package dev.nautilus.store.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.store.Store;
import dev.nautilus.store.StoreConfig;
import dev.nautilus.store.Stores;
import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.TradeRow;
import dev.nautilus.store.repository.TimeRange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusRecorderTest {

    /** What a market-data engine publishes, as far as this test needs. */
    record Tick(String instrument, long timestampMicros, double price, double size) {}

    @TempDir
    Path dataDir;

    private static RecordingRule tradesRule() {
        return new RecordingRule("trades", "market_data.trade.*", Set.of(MessageType.MARKET_DATA), message -> {
            Tick tick = message.payloadAs(Tick.class);
            return List.of(new TradeRow(
                    Instant.EPOCH.plus(tick.timestampMicros(), ChronoUnit.MICROS),
                    tick.instrument(),
                    tick.timestampMicros(),
                    tick.price(),
                    tick.size(),
                    SideCode.UNKNOWN));
        });
    }

    @Test
    void recordsMatchingTrafficAndKeepsItAcrossARestart() throws Exception {
        long start = 1_385_337_600_000_000L;
        try (MessageBus bus = InMemoryTransport.dualBus();
                Store store = Stores.open(StoreConfig.embedded(dataDir));
                BusRecorder recorder = new BusRecorder(bus, store.ingest(), List.of(tradesRule()), "recorder-1")) {
            for (int i = 0; i < 100; i++) {
                bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                        .source("marketdata")
                        .payload(new Tick("BTCUSD", start + i * 1_000_000L, 800 + i, 0.5))
                        .build());
            }
            // Same topic family, but a payload the rule cannot read: dead-lettered with the reason, not dropped.
            bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                    .source("marketdata")
                    .payload(List.of("not", "a", "tick"))
                    .build());
            // Not recorded at all: another topic.
            bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.bar.BTCUSD")
                    .source("marketdata")
                    .payload(new Tick("BTCUSD", start, 1, 1))
                    .build());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> recorder.recorded() == 100
                            && bus.deadLetters(Bus.MARKETDATA, 10).size() == 1);
            store.ingest().flush().get();
            assertThat(bus.deadLetters(Bus.MARKETDATA, 10).get(0).reason()).contains("Tick");
        }
        try (Store reopened = Stores.open(StoreConfig.embedded(dataDir))) {
            assertThat(reopened.trades().count("BTCUSD")).isEqualTo(100);
            List<TradeRow> first = reopened.trades().trades("BTCUSD", TimeRange.all(), 0, 2);
            assertThat(first.get(0).price()).isEqualTo(800);
            assertThat(first.get(1).ts()).isEqualTo(Instant.EPOCH.plus(start + 1_000_000L, ChronoUnit.MICROS));
        }
    }
}
