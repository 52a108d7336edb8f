package dev.nautilus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.store.model.AlertCategory;
import dev.nautilus.store.model.StoredRecord;
import dev.nautilus.store.table.TableSpec;
import dev.nautilus.store.table.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store writes idempotently: a row whose unique key is stored (a redelivered message, a retried
 * batch) is skipped, in a later batch or within the same one, in every table, on both stores.
 */
class IdempotentWritesTest {

    /** One row of every table. */
    private static List<StoredRecord> oneRowPerTable() {
        return List.of(
                SampleRecords.trade(1, 0),
                SampleRecords.bar(0),
                SampleRecords.feature(0),
                SampleRecords.vpin(1),
                SampleRecords.exposure(0, "AAA", "momentum", 1.5),
                SampleRecords.factorReturn(0),
                SampleRecords.signal(0, "sig-dup-1"),
                SampleRecords.execution(0, "exe-dup-1"),
                SampleRecords.position(0, "BTCUSD", "1.5"),
                SampleRecords.pnl(0, "100001.5"),
                SampleRecords.alert(0, "alert-dup-1", AlertCategory.RISK),
                SampleRecords.health(0, "risk"),
                SampleRecords.deadLetter(0, "dl-dup-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "duckdb"})
    void theSameRowsWrittenTwiceAreStoredOnceInEveryTable(String kind) throws Exception {
        List<StoredRecord> rows = oneRowPerTable();
        assertThat(rows.stream().map(Tables::of).distinct()).hasSameSizeAs(Tables.ALL);
        List<StoredRecord> twice = new ArrayList<>(rows);
        twice.addAll(rows);
        String schema = TestDatabase.newSchema();
        Path dir = Files.createTempDirectory("nautilus-idempotent");
        StoreConfig config = kind.equals("duckdb") ? TestDatabase.duckdb(dir) : TestDatabase.postgres(schema);
        try {
            try (Store store = Stores.open(config)) {
                store.ingest().submitAll(rows);
                store.ingest().flush().get(60, TimeUnit.SECONDS);
                store.ingest().submitAll(rows); // delivered again: a later batch
                store.ingest().flush().get(60, TimeUnit.SECONDS);
                store.ingest().submitAll(twice); // twice within one batch
                store.ingest().flush().get(60, TimeUnit.SECONDS);
                assertThat(store.ingest().counters().failedBatches()).isZero();
                assertThat(store.ingest().counters().acknowledged()).isEqualTo(4L * rows.size());
                assertThat(store.ingest().counters().duplicates()).isEqualTo(3L * rows.size());
                assertThat(store.trades().count("ETHUSD")).isEqualTo(1);

                // Large batches take the staging path (COPY / Appender into a temporary table).
                List<StoredRecord> many = new ArrayList<>();
                for (int i = 0; i < 3_000; i++) {
                    many.add(new dev.nautilus.store.model.TradeRow(
                            SampleRecords.t(i), "MANY", i, 1, 1, dev.nautilus.store.model.SideCode.BUY));
                }
                store.ingest().submitAll(many.subList(0, 2_000));
                store.ingest().flush().get(60, TimeUnit.SECONDS);
                store.ingest().submitAll(many); // 2,000 again and 1,000 new
                store.ingest().submitAll(many.subList(1_000, 3_000));
                store.ingest().flush().get(60, TimeUnit.SECONDS);
                assertThat(store.ingest().counters().failedBatches()).isZero();
                assertThat(store.trades().count("MANY")).isEqualTo(3_000);
                assertThat(store.ingest().counters().duplicates()).isEqualTo(3L * rows.size() + 4_000);
            }
            Map<String, Long> expected = new LinkedHashMap<>();
            Tables.ALL.forEach(table -> expected.put(table.name(), table == Tables.TRADES ? 3_001L : 1L));
            assertThat(kind.equals("duckdb") ? countDuckDb(dir) : countPostgres(schema))
                    .isEqualTo(expected);
        } finally {
            TestDatabase.dropSchema(schema);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Map<String, Long> countPostgres(String schema) throws SQLException {
        try (Connection connection = TestDatabase.connect()) {
            return count(connection, schema + ".");
        }
    }

    private static Map<String, Long> countDuckDb(Path dir) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:duckdb:" + dir.resolve(StoreConfig.EMBEDDED_FILE).toAbsolutePath())) {
            return count(connection, "");
        }
    }

    private static Map<String, Long> count(Connection connection, String prefix) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TableSpec<?> table : Tables.ALL) {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select count(*) from " + prefix + table.name())) {
                rs.next();
                counts.put(table.name(), rs.getLong(1));
            }
        }
        return counts;
    }
}
