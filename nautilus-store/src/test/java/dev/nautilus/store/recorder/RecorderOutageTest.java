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
import dev.nautilus.store.TestDatabase;
import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.TradeRow;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The recorder while PostgreSQL is away (a proxy between the store and the shared server, cut and
 * restored): health DOWN, nothing acknowledged, nothing lost, and it resumes by itself — exactly N
 * rows, no duplicate.
 */
class RecorderOutageTest {

    private static final long START = 1_385_337_600_000_000L;

    record Tick(String instrument, long timestampMicros, double price) {}

    private static RecordingRule rule() {
        return new RecordingRule("trades", "market_data.trade.*", Set.of(MessageType.MARKET_DATA), message -> {
            Tick tick = message.payloadAs(Tick.class);
            return List.of(new TradeRow(
                    Instant.EPOCH.plus(tick.timestampMicros(), ChronoUnit.MICROS),
                    tick.instrument(),
                    tick.timestampMicros(),
                    tick.price(),
                    1,
                    SideCode.BUY));
        });
    }

    private static void publish(MessageBus bus, int from, int to) {
        for (int i = from; i < to; i++) {
            bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.OUT")
                    .source("marketdata")
                    .payload(new Tick("OUT", START + i * 1_000L, 100 + i))
                    .build());
        }
    }

    @Test
    void whileTheDatabaseIsAwayNothingIsAcknowledgedOrLostAndRecordingResumes() throws Exception {
        URI target = URI.create(TestDatabase.URL.substring("jdbc:".length()));
        String schema = TestDatabase.newSchema();
        try (CuttableProxy proxy =
                new CuttableProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort())) {
            String viaProxy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath();
            StoreConfig config = StoreConfig.postgres(viaProxy, TestDatabase.USER, TestDatabase.PASSWORD)
                    .withSchema(schema)
                    .withPoolSize(2)
                    .withBatchSize(100)
                    .withQueueCapacity(200)
                    .withOfferTimeout(Duration.ofMillis(500));
            try (MessageBus bus = InMemoryTransport.dualBus();
                    Store store = Stores.open(config);
                    BusRecorder recorder = new BusRecorder(bus, store.ingest(), List.of(rule()), "recorder-1", 4)) {
                publish(bus, 0, 300);
                await().atMost(Duration.ofSeconds(30)).until(() -> recorder.recorded() == 300);
                assertThat(recorder.healthy()).isTrue();

                proxy.cut();
                publish(bus, 300, 1_000);
                await().atMost(Duration.ofSeconds(90)).until(() -> !recorder.healthy());
                assertThat(store.ingest().counters().failedAttempts()).isPositive();
                // Nothing acknowledged while the database is away: every handler is still waiting.
                Thread.sleep(1_000);
                assertThat(recorder.recorded()).isEqualTo(300);
                assertThat(recorder.waiting()).isPositive();
                assertThat(bus.deadLetters(Bus.MARKETDATA, 10)).isEmpty();

                proxy.restore();
                await().atMost(Duration.ofSeconds(120)).until(() -> recorder.recorded() == 1_000);
                assertThat(recorder.healthy()).isTrue();
                assertThat(recorder.waiting()).isZero();
                assertThat(bus.deadLetters(Bus.MARKETDATA, 10)).isEmpty();
                assertThat(store.ingest().counters().failedBatches()).isZero();
            }
            try (Connection connection = TestDatabase.connect();
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select count(*), count(distinct trade_id) from " + schema
                            + ".trades where symbol = 'OUT'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows").isEqualTo(1_000);
                assertThat(rs.getLong(2)).as("distinct trades").isEqualTo(1_000);
            }
        } finally {
            TestDatabase.dropSchema(schema);
        }
    }
}
