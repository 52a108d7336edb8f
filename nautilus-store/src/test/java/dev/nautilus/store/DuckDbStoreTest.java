package dev.nautilus.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The store contract against the embedded DuckDB file in a temporary directory. */
final class DuckDbStoreTest extends StoreContractTest {

    private Path dir;

    @Override
    protected Store openFresh() throws Exception {
        dir = Files.createTempDirectory("nautilus-duckdb-test");
        return Stores.open(TestDatabase.duckdb(dir).withBatchSize(1_000));
    }

    @Override
    protected Store reopen() {
        return Stores.open(TestDatabase.duckdb(dir).withBatchSize(1_000));
    }

    @Override
    protected Set<String> tablesInCatalog() throws Exception {
        // One process may hold a DuckDB file once: close the store, read the catalog, reopen.
        store.close();
        Set<String> names = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:duckdb:" + dir.resolve(StoreConfig.EMBEDDED_FILE).toAbsolutePath());
                ResultSet rs = connection
                        .createStatement()
                        .executeQuery("select table_name from duckdb_tables() union all"
                                + " select 'migrated:' || version from flyway_schema_history where success")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } finally {
            store = reopen();
        }
        assertThat(names).contains("migrated:1");
        return names;
    }

    @Override
    protected void dropEverything() throws Exception {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void isTheEmbeddedDefaultAndKeepsItsFileInTheDataDirectory() {
        assertThat(store.kind()).isEqualTo(StoreKind.DUCKDB);
        assertThat(dir.resolve(StoreConfig.EMBEDDED_FILE)).exists();
    }
}
