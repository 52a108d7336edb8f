package dev.nautilus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.TradeRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The store contract against the real PostgreSQL, plus PostgreSQL-only layout checks. */
final class PostgresStoreTest extends StoreContractTest {

    private final String schema = TestDatabase.newSchema();

    @Override
    protected Store openFresh() {
        return Stores.open(TestDatabase.postgres(schema).withBatchSize(1_000));
    }

    @Override
    protected Store reopen() {
        return openFresh();
    }

    @Override
    protected Set<String> tablesInCatalog() throws Exception {
        return query(
                "select tablename from pg_tables where schemaname = ?"
                        + " union select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = ? and c.relkind = 'p'",
                schema,
                schema);
    }

    @Override
    protected void dropEverything() throws Exception {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void usesNativeDayPartitionsWithDefaultAndBrinIndex() throws Exception {
        assertThat(store.kind()).isEqualTo(StoreKind.POSTGRESQL);
        store.ingest()
                .submit(new TradeRow(java.time.Instant.parse("2030-01-02T03:04:05Z"), "PART", 1, 10, 1, SideCode.SELL));
        store.ingest().flush().get();
        Set<String> partitions = query(
                "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                        + " join pg_class p on p.oid = i.inhparent join pg_namespace n on n.oid = p.relnamespace"
                        + " where n.nspname = ? and p.relname = ?",
                schema,
                "trades");
        assertThat(partitions).contains("trades_default", "trades_p20300102");
        Set<String> brin = query(
                "select indexname from pg_indexes where schemaname = ? and indexdef like ?", schema, "%USING brin%");
        assertThat(brin).contains("trades_ts_brin");
        assertThat(query("select count(*)::text from trades_p20300102 where symbol = ?", "PART"))
                .containsExactly("1");
        assertThat(query("select version from flyway_schema_history where success and version is not null"))
                .containsExactly("1", "2", "3");
    }

    @Test
    void rowsOfADayAlreadyInTheDefaultPartitionStillGoThroughAndLandThere() throws Exception {
        try (Connection connection = TestDatabase.connect()) {
            connection.createStatement().execute("set search_path to " + schema);
            // A row for 2031-05-06 written behind the store's back, before any partition for that day.
            connection
                    .createStatement()
                    .execute("insert into trades values" + " ('2031-05-06T10:00:00Z', 'DEFAULT', 1, 10, 1, 'BUY')");
        }
        store.ingest()
                .submit(new TradeRow(
                        java.time.Instant.parse("2031-05-06T11:00:00Z"), "DEFAULT", 2, 11, 1, SideCode.BUY));
        assertThat(store.ingest().flush().get()).isPositive();
        assertThat(store.ingest().counters().failedBatches()).isZero();
        assertThat(query("select count(*)::text from trades_default where symbol = ?", "DEFAULT"))
                .containsExactly("2");
    }

    private Set<String> query(String sql, String... params) throws Exception {
        try (Connection connection = TestDatabase.connect()) {
            connection.createStatement().execute("set search_path to " + schema);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setString(i + 1, params[i]);
                }
                Set<String> out = new HashSet<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        }
    }
}
