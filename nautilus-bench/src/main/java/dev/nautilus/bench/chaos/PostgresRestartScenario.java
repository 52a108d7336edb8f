package dev.nautilus.bench.chaos;

import dev.nautilus.app.recording.RecordingRules;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.marketdata.Side;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.topics.MarketDataTopics;
import dev.nautilus.store.Store;
import dev.nautilus.store.StoreConfig;
import dev.nautilus.store.Stores;
import dev.nautilus.store.recorder.BusRecorder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code postgres-restart}: trades flow from the MarketData Redis through the recorder (the
 * product's trade rule, the store's PostgreSQL ingest) into a PostgreSQL of the scenario's own,
 * which is stopped in immediate mode mid-ingest and started again. Promise: exactly every trade
 * stored, no duplicate, ingest resumed within 10 s of PostgreSQL's return.
 */
final class PostgresRestartScenario implements ChaosScenario {

    private static final long START_MICROS = 1_764_720_000_000_000L;
    private static final String SYMBOL = "CHAOS";

    @Override
    public String name() {
        return "postgres-restart";
    }

    @Override
    public String description() {
        return "PostgreSQL restarted (immediate mode) during the ingest of 100,000 trades: exactly 100,000 stored, 0 duplicates, resumed within 10 s";
    }

    @Override
    public ChaosResult run(ChaosOptions options) throws Exception {
        int trades = options.shortForm() ? 3_000 : 100_000;
        Duration down = Duration.ofSeconds(options.shortForm() ? 1 : 5);
        try (OwnPostgres postgres = OwnPostgres.start();
                ChaosRig rig = ChaosRig.start(options)) {
            StoreConfig config = StoreConfig.postgres(postgres.jdbcUrl(), "postgres", "")
                    .withSchema("chaos")
                    .withPoolSize(2);
            long stoppedMs;
            long resumedMs;
            long recordedAtStop;
            long recordedWithRedeliveries;
            try (Store store = Stores.open(config);
                    BusRecorder recorder = new BusRecorder(
                            rig.publisher, store.ingest(), RecordingRules.defaults(), "recorder-1", 4)) {
                for (int i = 0; i < trades; i++) {
                    rig.publisher.publish(trade(i));
                }
                ChaosBus.awaitConfirmed(rig.publisher, Duration.ofSeconds(60));
                if (ChaosRig.await(Duration.ofSeconds(120), () -> recorder.recorded() >= trades / 3) < 0) {
                    throw new IllegalStateException("the recorder did not record a third of the trades in 120 s");
                }
                postgres.stopImmediately();
                long stoppedAt = System.nanoTime();
                recordedAtStop = recorder.recorded();
                Thread.sleep(down.toMillis());
                postgres.startServer();
                long backAt = System.nanoTime();
                stoppedMs = (backAt - stoppedAt) / 1_000_000;
                long recordedWhenBack = recorder.recorded();
                resumedMs = ChaosRig.await(Duration.ofSeconds(60), () -> recorder.recorded() > recordedWhenBack);
                // The recorder's count includes redeliveries: handlers blocked through the outage look
                // dead to the others, which claim and record their entries again (idempotently), so
                // the count can pass the trades while some are still pending. Done is when every
                // trade is in the database; short of that after 300 s, what is missing counts as lost.
                ChaosRig.await(
                        Duration.ofSeconds(300),
                        () -> recorder.recorded() >= trades
                                && recorder.waiting() == 0
                                && stored(postgres)[1] >= trades);
                recordedWithRedeliveries = recorder.recorded();
            }
            long[] stored = stored(postgres);
            long rows = stored[0];
            long distinct = stored[1];
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("trades", trades);
            figures.put("recorded_with_redeliveries", recordedWithRedeliveries);
            figures.put("stored_rows", rows);
            figures.put("stored_distinct", distinct);
            figures.put("recorded_at_stop", recordedAtStop);
            figures.put("postgres_down_ms", stoppedMs);
            figures.put("resumed_after_return_ms", resumedMs);
            long lost = trades - distinct;
            long duplicates = rows - distinct;
            return new ChaosResult(
                    name(),
                    options.shortForm(),
                    trades,
                    distinct,
                    lost,
                    duplicates,
                    resumedMs,
                    lost == 0 && duplicates == 0 && rows == trades && resumedMs >= 0 && resumedMs <= 10_000,
                    figures);
        }
    }

    /** Rows of the scenario's symbol in the database, and distinct trades among them. */
    private static long[] stored(OwnPostgres postgres) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("select count(*), count(distinct trade_id) from chaos.trades where symbol = '"
                                + SYMBOL + "'")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the stored trades: " + e.getMessage(), e);
        }
    }

    private static Message trade(int i) {
        return Message.builder(MessageType.MARKET_DATA, MarketDataTopics.trade(SYMBOL))
                .source("chaos")
                .payload(new Trade(SYMBOL, START_MICROS + i * 1_000L, 100 + i % 100, 1, Side.BUY))
                .build();
    }
}
