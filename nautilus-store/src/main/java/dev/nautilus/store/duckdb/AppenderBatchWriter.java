package dev.nautilus.store.duckdb;

import dev.nautilus.store.ingest.BatchWriter;
import dev.nautilus.store.jdbc.BatchGrouping;
import dev.nautilus.store.jdbc.InsertBatchWriter;
import dev.nautilus.store.model.StoredRecord;
import dev.nautilus.store.table.TableSpec;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * {@link BatchWriter} by DuckDB's Appender, on a connection of its own, one transaction per batch:
 * the appenders are flushed (closed) inside the transaction and the commit makes the batch durable
 * in DuckDB's write-ahead log.
 *
 * <p>Idempotent: the Appender fails on a row whose unique key is stored, so it fills a temporary
 * staging table of this connection (in-memory, created once) and {@code INSERT OR IGNORE} moves the
 * rows into the table in the same transaction, skipping (and counting) those already stored. A
 * table's rows of a small batch (the recorder's, whose handlers wait for the commit) go by one
 * prepared {@code INSERT ... ON CONFLICT DO NOTHING} instead, which costs less than the staging.
 */
final class AppenderBatchWriter implements BatchWriter {

    private final DuckDBConnection connection;
    private final AppenderRowSink sink = new AppenderRowSink();
    private final Set<String> staged = new HashSet<>();
    private final InsertBatchWriter small;
    private final AtomicLong duplicates = new AtomicLong();

    /** Rows of one table up to which a batch is inserted rather than appended. */
    static final int SMALL_BATCH = 256;
    /** The catalog of a connection's temporary tables. */
    private static final String TEMP_CATALOG = "temp";

    AppenderBatchWriter(DuckDBConnection connection) throws SQLException {
        this.connection = connection;
        this.small = new InsertBatchWriter(() -> connection, new DuckDbDialect(), (c, table, rows) -> {});
        connection.setAutoCommit(false);
    }

    @Override
    public void write(List<StoredRecord> batch) throws SQLException {
        Map<TableSpec<?>, List<StoredRecord>> groups = BatchGrouping.byTable(batch);
        try {
            long skipped = 0;
            for (Map.Entry<TableSpec<?>, List<StoredRecord>> group : groups.entrySet()) {
                skipped += append(group.getKey(), group.getValue());
            }
            connection.commit();
            duplicates.addAndGet(skipped);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            staged.clear(); // a staging table created in this transaction is gone with it
            throw e;
        }
    }

    @Override
    public long duplicatesSkipped() {
        return duplicates.get();
    }

    /** Appends through the staging table; returns how many rows were already stored. */
    private long append(TableSpec<?> table, List<StoredRecord> rows) throws SQLException {
        if (rows.size() <= SMALL_BATCH) {
            return small.insertSkippingStored(connection, table, rows);
        }
        String stage = "stage_" + table.name();
        if (staged.add(stage)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create temp table if not exists " + stage + " as select * from "
                        + DuckDBConnection.DEFAULT_SCHEMA + "." + table.name() + " limit 0");
            }
        }
        // Empty here: emptied before every commit, and a rolled-back batch's rows are gone with it.
        try (DuckDBAppender appender =
                connection.createAppender(TEMP_CATALOG, DuckDBConnection.DEFAULT_SCHEMA, stage)) {
            sink.reset(appender);
            for (StoredRecord row : rows) {
                appender.beginRow();
                table.write(row, sink);
                appender.endRow();
            }
            // Explicit flush: close() alone has been seen to drop an append error silently.
            appender.flush();
        }
        try (Statement statement = connection.createStatement()) {
            int inserted = statement.executeUpdate("insert or ignore into " + DuckDBConnection.DEFAULT_SCHEMA + "."
                    + table.name() + " (" + table.columnList() + ") select " + table.columnList() + " from " + stage);
            statement.execute("delete from " + stage);
            return rows.size() - inserted;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
