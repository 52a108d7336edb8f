package dev.nautilus.store.duckdb;

import dev.nautilus.store.JdbcStore;
import dev.nautilus.store.Store;
import dev.nautilus.store.StoreConfig;
import dev.nautilus.store.StoreKind;
import dev.nautilus.store.ingest.BatchingIngest;
import dev.nautilus.store.ingest.Retry;
import dev.nautilus.store.jdbc.Queries;
import dev.nautilus.store.jdbc.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the embedded store: one DuckDB file under the data directory, migrated by Flyway (through
 * Flyway's community DuckDB support, {@code org.flywaydb:flyway-database-duckdb}) from
 * {@code db/migration/duckdb}, ingest by DuckDB's Appender.
 *
 * <p>DuckDB lets one process hold a database file; inside the process, every reader and the writer
 * use a {@link DuckDBConnection#duplicate() duplicate} of one root connection, which is how DuckDB
 * shares a database between threads.
 */
public final class DuckDbStores {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbStores.class);
    static final String MIGRATIONS = "classpath:db/migration/duckdb";

    private DuckDbStores() {}

    public static Store open(StoreConfig config) {
        Path file = config.dataDir().resolve(StoreConfig.EMBEDDED_FILE).toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("could not create data directory " + file.getParent(), e);
        }
        String url = "jdbc:duckdb:" + file;
        // Flyway opens and closes its own connection; it must be done before the root connection
        // opens, or the file would be opened twice.
        Flyway.configure()
                .dataSource(url, null, null)
                .locations(MIGRATIONS)
                .load()
                .migrate();
        DuckDBConnection root = null;
        try {
            root = (DuckDBConnection) DriverManager.getConnection(url);
            DuckDBConnection shared = root;
            AppenderBatchWriter writer = new AppenderBatchWriter((DuckDBConnection) root.duplicate());
            BatchingIngest ingest = new BatchingIngest(
                    "duckdb",
                    writer,
                    Retry.forever(),
                    config.batchSize(),
                    config.queueCapacity(),
                    config.offerTimeout());
            LOG.info("Embedded DuckDB store open at {}", file);
            return new JdbcStore(StoreKind.DUCKDB, new Queries(shared::duplicate, new DuckDbDialect()), ingest, root);
        } catch (SQLException e) {
            if (root != null) {
                try {
                    root.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new StoreException("could not open the embedded store at " + file, e);
        }
    }
}
