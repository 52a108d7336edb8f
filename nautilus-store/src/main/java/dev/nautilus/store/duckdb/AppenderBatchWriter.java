package dev.nautilus.store.duckdb;

import dev.nautilus.store.ingest.BatchWriter;
import dev.nautilus.store.jdbc.BatchGrouping;
import dev.nautilus.store.model.StoredRecord;
import dev.nautilus.store.table.TableSpec;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * {@link BatchWriter} by DuckDB's Appender, on a connection of its own, one transaction per batch:
 * the appenders are flushed (closed) inside the transaction and the commit makes the batch durable
 * in DuckDB's write-ahead log.
 */
final class AppenderBatchWriter implements BatchWriter {

    private final DuckDBConnection connection;
    private final AppenderRowSink sink = new AppenderRowSink();

    AppenderBatchWriter(DuckDBConnection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
    }

    @Override
    public void write(List<StoredRecord> batch) throws SQLException {
        Map<TableSpec<?>, List<StoredRecord>> groups = BatchGrouping.byTable(batch);
        try {
            for (Map.Entry<TableSpec<?>, List<StoredRecord>> group : groups.entrySet()) {
                append(group.getKey(), group.getValue());
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private void append(TableSpec<?> table, List<StoredRecord> rows) throws SQLException {
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.name())) {
            sink.reset(appender);
            for (StoredRecord row : rows) {
                appender.beginRow();
                table.write(row, sink);
                appender.endRow();
            }
            // Explicit flush: close() alone has been seen to drop an append error silently.
            appender.flush();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
