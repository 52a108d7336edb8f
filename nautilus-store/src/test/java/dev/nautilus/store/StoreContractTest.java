package dev.nautilus.store;

import static dev.nautilus.store.SampleRecords.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.store.ingest.IngestCounters;
import dev.nautilus.store.model.AlertCategory;
import dev.nautilus.store.model.AlertRow;
import dev.nautilus.store.model.BarInterval;
import dev.nautilus.store.model.EngineStateRow;
import dev.nautilus.store.model.PnlSnapshot;
import dev.nautilus.store.model.PositionSnapshot;
import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.SignalRow;
import dev.nautilus.store.model.StoredRecord;
import dev.nautilus.store.model.TradeRow;
import dev.nautilus.store.repository.Cursor;
import dev.nautilus.store.repository.Page;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.table.TableSpec;
import dev.nautilus.store.table.Tables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour both stores must share, run against each real database by a subclass. Tests in a
 * class share one store, so each works in its own symbols, portfolios or time window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {

    protected Store store;

    /** Opens a store on a fresh, empty database/schema/directory. */
    protected abstract Store openFresh() throws Exception;

    /** Opens the same database again (after the current store was closed). */
    protected abstract Store reopen() throws Exception;

    /** Names of the tables in the store's schema, read from the catalog. */
    protected abstract Set<String> tablesInCatalog() throws Exception;

    /** Drops whatever {@link #openFresh()} created. */
    protected abstract void dropEverything() throws Exception;

    @BeforeAll
    void open() throws Exception {
        store = openFresh();
    }

    @AfterAll
    void close() throws Exception {
        if (store != null) {
            store.close();
        }
        dropEverything();
    }

    private long flush() throws Exception {
        return store.ingest().flush().get(60, TimeUnit.SECONDS);
    }

    @Test
    void migrationsFromEmptyCreateEveryTable() throws Exception {
        Set<String> expected = Tables.ALL.stream().map(TableSpec::name).collect(Collectors.toSet());
        assertThat(tablesInCatalog()).containsAll(expected);
    }

    @Test
    void everyTableRoundTrips() throws Exception {
        List<StoredRecord> rows = List.of(
                SampleRecords.trade(1, 0),
                SampleRecords.trade(2, 1),
                SampleRecords.bar(0),
                SampleRecords.feature(0),
                SampleRecords.vpin(1),
                SampleRecords.vpin(2),
                SampleRecords.exposure(0, "AAA", "momentum", 1.5),
                SampleRecords.exposure(1, "AAA", "momentum", -0.5),
                SampleRecords.exposure(1, "BBB", "size", 2.25),
                SampleRecords.factorReturn(0),
                SampleRecords.signal(0, "sig-rt-1"),
                SampleRecords.execution(0, "exe-1"),
                SampleRecords.position(0, "BTCUSD", "1.5"),
                SampleRecords.pnl(0, "100001.5"),
                SampleRecords.alert(0, "alert-rt-1", AlertCategory.MARGIN),
                SampleRecords.health(0, "risk"),
                SampleRecords.deadLetter(0, "dl-1"));
        store.ingest().submitAll(rows);
        flush();

        TimeRange window = new TimeRange(t(0), t(3 * 86_400));
        assertThat(store.trades().trades("ETHUSD", window, 0, 10))
                .containsExactly(SampleRecords.trade(1, 0), SampleRecords.trade(2, 1));
        assertThat(store.bars().bars("ETHUSD", BarInterval.ONE_MINUTE, window, 0, 10))
                .containsExactly(SampleRecords.bar(0));
        assertThat(store.bars().bars("ETHUSD", BarInterval.ONE_HOUR, window, 0, 10))
                .isEmpty();
        assertThat(store.features().values("ETHUSD", "rsi_14", window, 0, 10))
                .containsExactly(SampleRecords.feature(0));
        assertThat(store.vpin().series("BTCUSD", window, -1, 10))
                .containsExactly(SampleRecords.vpin(1), SampleRecords.vpin(2));
        assertThat(store.vpin().series("BTCUSD", window, 1, 10)).containsExactly(SampleRecords.vpin(2));
        assertThat(store.factors().latestExposures(t(86_400)))
                .containsExactly(
                        SampleRecords.exposure(1, "AAA", "momentum", -0.5),
                        SampleRecords.exposure(1, "BBB", "size", 2.25));
        assertThat(store.factors().latestExposures(t(100)))
                .containsExactly(SampleRecords.exposure(0, "AAA", "momentum", 1.5));
        assertThat(store.factors().returns("momentum", window, 0, 10)).containsExactly(SampleRecords.factorReturn(0));
        assertThat(store.signals().signals(window, null, 10).items())
                .containsExactly(SampleRecords.signal(0, "sig-rt-1"));
        assertThat(store.executions().executions("paper", window, null, 10).items())
                .containsExactly(SampleRecords.execution(0, "exe-1"));
        assertThat(store.positions().latest("paper")).containsExactly(SampleRecords.position(0, "BTCUSD", "1.5"));
        assertThat(store.pnl().latest("paper")).contains(SampleRecords.pnl(0, "100001.5"));
        assertThat(store.alerts().alerts(window, null, 10).items())
                .containsExactly(SampleRecords.alert(0, "alert-rt-1", AlertCategory.MARGIN));
        assertThat(store.alerts().alerts(AlertCategory.RISK, window, null, 10).items())
                .isEmpty();
        assertThat(store.engineHealth().latest()).containsExactly(SampleRecords.health(0, "risk"));
        assertThat(store.deadLetters().deadLetters(window, null, 10).items())
                .containsExactly(SampleRecords.deadLetter(0, "dl-1"));
    }

    @Test
    void latestPositionsAndPnlPickTheNewestSnapshot() throws Exception {
        store.ingest()
                .submitAll(List.of(
                        new PositionSnapshot(
                                t(10),
                                "latest-test",
                                "BTCUSD",
                                new java.math.BigDecimal("1"),
                                java.math.BigDecimal.ONE,
                                java.math.BigDecimal.ZERO,
                                java.math.BigDecimal.ZERO),
                        new PositionSnapshot(
                                t(20),
                                "latest-test",
                                "BTCUSD",
                                new java.math.BigDecimal("-2.5"),
                                java.math.BigDecimal.TEN,
                                java.math.BigDecimal.ONE,
                                java.math.BigDecimal.ZERO),
                        new PositionSnapshot(
                                t(15),
                                "latest-test",
                                "ETHUSD",
                                new java.math.BigDecimal("7"),
                                java.math.BigDecimal.TEN,
                                java.math.BigDecimal.ONE,
                                java.math.BigDecimal.ZERO),
                        new PnlSnapshot(
                                t(30),
                                "latest-test",
                                java.math.BigDecimal.ONE,
                                java.math.BigDecimal.TEN,
                                java.math.BigDecimal.ZERO,
                                java.math.BigDecimal.ZERO),
                        new PnlSnapshot(
                                t(31),
                                "latest-test",
                                java.math.BigDecimal.TWO,
                                java.math.BigDecimal.TEN,
                                java.math.BigDecimal.ZERO,
                                java.math.BigDecimal.ZERO)));
        flush();
        assertThat(store.positions().latest("latest-test"))
                .extracting(p -> p.symbol() + "=" + p.quantity().toPlainString())
                .containsExactly("BTCUSD=-2.5", "ETHUSD=7");
        assertThat(store.pnl().latest("latest-test"))
                .get()
                .extracting(p -> p.cash().toPlainString())
                .isEqualTo("2");
        assertThat(store.pnl().history("latest-test", TimeRange.all(), 1, 10)).hasSize(1);
        assertThat(store.pnl().latest("nobody")).isEmpty();
    }

    @Test
    void keysetPaginationVisitsEveryRowOnceInOrder() throws Exception {
        long base = 500_000;
        List<SignalRow> signals = new ArrayList<>();
        List<AlertRow> alerts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Pairs share a timestamp so the id tie-breaker is exercised.
            signals.add(SampleRecords.signal(base + i / 2, "s-" + (char) ('a' + i)));
            alerts.add(SampleRecords.alert(
                    base + i / 3, "a-" + (char) ('a' + i), i % 2 == 0 ? AlertCategory.RISK : AlertCategory.MARGIN));
        }
        store.ingest().submitAll(signals);
        store.ingest().submitAll(alerts);
        flush();
        TimeRange window = new TimeRange(t(base), t(base + 100));

        List<SignalRow> seenSignals = new ArrayList<>();
        Cursor cursor = null;
        int pages = 0;
        do {
            Page<SignalRow> page = store.signals().signals(window, cursor, 7);
            seenSignals.addAll(page.items());
            cursor = page.next().orElse(null);
            pages++;
        } while (cursor != null);
        assertThat(seenSignals).containsExactlyElementsOf(signals);
        assertThat(pages).isEqualTo(4);

        List<AlertRow> seenRisk = new ArrayList<>();
        cursor = null;
        do {
            Page<AlertRow> page = store.alerts().alerts(AlertCategory.RISK, window, cursor, 4);
            seenRisk.addAll(page.items());
            cursor = page.next().orElse(null);
        } while (cursor != null);
        assertThat(seenRisk)
                .containsExactlyElementsOf(alerts.stream()
                        .filter(a -> a.category() == AlertCategory.RISK)
                        .toList());
    }

    @Test
    void closeDrainsTheQueueAndReopeningKeepsHistory() throws Exception {
        List<TradeRow> trades = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            trades.add(new TradeRow(t(1_000_000 + i / 10), "DRAIN", i, 100 + i % 7, 1, SideCode.BUY));
        }
        store.ingest().submitAll(trades);
        long historyBefore = store.trades().count("ETHUSD");
        store.close(); // no flush: close() must write everything queued
        store = reopen();
        assertThat(store.trades().count("DRAIN")).isEqualTo(20_000);
        assertThat(store.trades().count("ETHUSD")).isEqualTo(historyBefore);
        assertThat(store.trades().trades("DRAIN", TimeRange.all(), 19_999, 5)).containsExactly(trades.getLast());
    }

    @Test
    void engineStateKeepsEachEnginesLatestSnapshotAcrossReopening() throws Exception {
        String state = "{\"cash\":\"9950.12345678\",\"positions\":{\"BTCUSD\":[\"-0.5\",\"-20000.00000001\"]}}";
        EngineStateRow first = new EngineStateRow("portfolio", 1, 10, state, List.of("a-1", "a-2"), t(5_000), "");
        EngineStateRow third =
                new EngineStateRow("portfolio", 3, 30, state + " ", List.of("a-3", "b\"4"), t(6_000), "launch-2");
        EngineStateRow older = new EngineStateRow("portfolio", 2, 20, "{}", List.of(), t(7_000), "");
        EngineStateRow other = new EngineStateRow("risk", 1, 1, "{}", List.of(), t(8_000), "");

        assertThat(store.engineState().load("portfolio")).isEmpty();
        assertThat(store.engineState().save(first)).isTrue();
        assertThat(store.engineState().load("portfolio")).contains(first);
        assertThat(store.engineState().save(third)).isTrue();
        assertThat(store.engineState().save(older))
                .as("an older snapshot never replaces a newer")
                .isFalse();
        assertThat(store.engineState().save(third))
                .as("nor does the same one again")
                .isFalse();
        assertThat(store.engineState().save(other)).isTrue();
        store.close();
        store = reopen();
        assertThat(store.engineState().load("portfolio")).contains(third);
        assertThat(store.engineState().load("risk")).contains(other);
    }

    @Test
    void countersTrackRowsAndBatches() throws Exception {
        IngestCounters before = store.ingest().counters();
        for (int i = 0; i < 100; i++) {
            store.ingest().submit(SampleRecords.health(2_000_000 + i, "counter-test"));
        }
        long acknowledged = flush();
        IngestCounters after = store.ingest().counters();
        assertThat(after.submitted() - before.submitted()).isEqualTo(100);
        assertThat(after.acknowledged() - before.acknowledged()).isEqualTo(100);
        assertThat(acknowledged).isEqualTo(after.acknowledged());
        assertThat(after.batches()).isGreaterThan(before.batches());
        assertThat(after.rejected()).isEqualTo(before.rejected());
        assertThat(after.queued()).isZero();
    }

    @Test
    void refusesBadQueryArgumentsNamingTheField() {
        TimeRange all = TimeRange.all();
        assertThatThrownBy(() -> store.trades().bars("BTCUSD", Duration.ZERO, all))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("interval");
        assertThatThrownBy(() -> store.trades().bars("BTCUSD", Duration.ofNanos(1_500_000), all))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("interval");
        assertThatThrownBy(() -> store.trades().bars("BTCUSD", Duration.ofDays(30), all))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("interval");
        assertThatThrownBy(() -> store.trades().bars(null, Duration.ofMinutes(1), all))
                .isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("symbol");
        assertThatThrownBy(() -> store.trades().trades("BTCUSD", all, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("limit");
        assertThatThrownBy(() -> store.trades().trades("BTCUSD", all, -1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("offset");
        // A hostile symbol is just a value: parameterised, it matches nothing and breaks nothing.
        assertThat(store.trades().count("x'; drop table trades; --")).isZero();
        assertThat(store.trades().count("ETHUSD")).isGreaterThanOrEqualTo(0);
    }
}
