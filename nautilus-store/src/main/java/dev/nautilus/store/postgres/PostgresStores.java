package dev.nautilus.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nautilus.store.JdbcStore;
import dev.nautilus.store.Store;
import dev.nautilus.store.StoreConfig;
import dev.nautilus.store.StoreKind;
import dev.nautilus.store.ingest.BatchWriter;
import dev.nautilus.store.ingest.BatchingIngest;
import dev.nautilus.store.ingest.Retry;
import dev.nautilus.store.jdbc.InsertBatchWriter;
import dev.nautilus.store.jdbc.Queries;
import dev.nautilus.store.jdbc.StoreException;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the PostgreSQL store: a HikariCP pool (credentials only from the config), TimescaleDB
 * detection, Flyway migrations from {@code db/migration/postgresql}, and ingest by COPY.
 */
public final class PostgresStores {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStores.class);
    static final String MIGRATIONS = "classpath:db/migration/postgresql";

    private PostgresStores() {}

    /** Opens and migrates; ingest uses COPY. */
    public static Store open(StoreConfig config) {
        return open(config, false);
    }

    /**
     * Opens and migrates.
     *
     * @param insertInsteadOfCopy use batched INSERT for ingest instead of COPY (for benchmarks)
     */
    public static Store open(StoreConfig config, boolean insertInsteadOfCopy) {
        HikariDataSource pool = pool(config);
        try {
            StoreKind kind = PostgresLayout.detect(pool);
            migrate(pool, config, kind);
            PostgresLayout.finish(pool, kind);
            PostgresDialect dialect = new PostgresDialect();
            PostgresPartitions partitions = new PostgresPartitions();
            InsertBatchWriter.BeforeWrite beforeWrite =
                    kind == StoreKind.TIMESCALEDB ? (connection, table, rows) -> {} : partitions::ensure;
            BatchWriter writer = insertInsteadOfCopy
                    ? new InsertBatchWriter(pool::getConnection, dialect, beforeWrite)
                    : new CopyBatchWriter(pool::getConnection, beforeWrite);
            BatchingIngest ingest = new BatchingIngest(
                    "postgres-" + config.schema(),
                    writer,
                    Retry.forever(),
                    config.batchSize(),
                    config.queueCapacity(),
                    config.offerTimeout());
            LOG.info(
                    "PostgreSQL store open: {} schema={} pool={} ({})",
                    kind,
                    config.schema(),
                    config.poolSize(),
                    insertInsteadOfCopy ? "INSERT ingest" : "COPY ingest");
            return new JdbcStore(kind, new Queries(pool::getConnection, dialect), ingest, pool);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            if (e instanceof SQLException sql) {
                throw new StoreException("could not open the PostgreSQL store", sql);
            }
            throw (RuntimeException) e;
        }
    }

    private static HikariDataSource pool(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("nautilus-store-" + config.schema());
        hikari.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            hikari.setUsername(config.user());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(1);
        // Every connection works in the configured schema, so SQL names tables unqualified.
        hikari.setSchema(config.schema());
        // Lets the INSERT baseline send multi-row statements; COPY is unaffected.
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("ApplicationName", config.applicationName());
        return new HikariDataSource(hikari);
    }

    private static void migrate(HikariDataSource pool, StoreConfig config, StoreKind kind) {
        Flyway.configure()
                .dataSource(pool)
                .schemas(config.schema())
                .createSchemas(true)
                .locations(MIGRATIONS)
                .placeholders(Map.of("partition_clause", PostgresLayout.partitionClause(kind)))
                .load()
                .migrate();
    }
}
