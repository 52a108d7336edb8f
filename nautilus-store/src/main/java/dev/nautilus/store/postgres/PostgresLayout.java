package dev.nautilus.store.postgres;

import dev.nautilus.store.StoreKind;
import dev.nautilus.store.table.TableSpec;
import dev.nautilus.store.table.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how the time-series tables are laid out and finishes that layout after the migrations.
 *
 * <ul>
 *   <li>If the TimescaleDB extension is available to this server
 *       ({@code pg_available_extensions}) and can be created, the tables are plain tables turned into
 *       hypertables with one-day chunks: Timescale then manages chunks itself.</li>
 *   <li>Otherwise (the case on this project's test machine) they are declaratively partitioned by
 *       range on {@code ts}; one-day partitions are created on demand by the writer
 *       ({@link PostgresPartitions}), and a DEFAULT partition catches anything else.</li>
 * </ul>
 * The choice feeds the {@code partition_clause} migration placeholder, so it is made once, before
 * the first migration, and a schema keeps the layout it was created with.
 */
final class PostgresLayout {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresLayout.class);

    private PostgresLayout() {}

    /** Detects TimescaleDB; creates the extension when it is available but not yet installed. */
    static StoreKind detect(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!exists(connection, "select 1 from pg_available_extensions where name = 'timescaledb'")) {
                LOG.info("TimescaleDB not available: using native partitioning by day");
                return StoreKind.POSTGRESQL;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("create extension if not exists timescaledb");
                LOG.info("TimescaleDB available: using hypertables");
                return StoreKind.TIMESCALEDB;
            } catch (SQLException e) {
                // Available on disk but not loadable (shared_preload_libraries) or not permitted.
                LOG.warn(
                        "TimescaleDB is available but could not be created ({}); using native partitioning",
                        e.getMessage());
                return StoreKind.POSTGRESQL;
            }
        }
    }

    /** The table suffix the migrations append: a partition key, or nothing for hypertables. */
    static String partitionClause(StoreKind kind) {
        return kind == StoreKind.TIMESCALEDB ? "" : "partition by range (ts)";
    }

    /** After migrating: hypertables, or DEFAULT partitions. Idempotent. */
    static void finish(DataSource dataSource, StoreKind kind) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (TableSpec<?> table : Tables.ALL) {
                if (kind == StoreKind.TIMESCALEDB) {
                    try (PreparedStatement statement =
                            connection.prepareStatement("select create_hypertable(cast(? as regclass), 'ts',"
                                    + " chunk_time_interval => interval '1 day', if_not_exists => true)")) {
                        statement.setString(1, table.name());
                        statement.execute();
                    }
                } else if (!exists(
                        connection, "select 1 where to_regclass('" + table.name() + "_default') is not null")) {
                    // only when missing: a process connected as an engine's role may not create tables
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("create table if not exists " + table.name() + "_default partition of "
                                + table.name() + " default");
                    }
                }
            }
        }
    }

    private static boolean exists(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return rs.next();
        }
    }
}
