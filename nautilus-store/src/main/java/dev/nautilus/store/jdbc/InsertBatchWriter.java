package dev.nautilus.store.jdbc;

import dev.nautilus.store.ingest.BatchWriter;
import dev.nautilus.store.model.StoredRecord;
import dev.nautilus.store.table.TableSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link BatchWriter} by batched, parameterised {@code INSERT} ({@code executeBatch}) in one
 * transaction. The portable baseline: the COPY and Appender writers are measured against it.
 * Idempotent like them: {@code ON CONFLICT DO NOTHING} skips a row whose unique key is stored.
 */
public final class InsertBatchWriter implements BatchWriter {

    /** Work to do before a table's rows are written, outside the write transaction (e.g. create partitions). */
    @FunctionalInterface
    public interface BeforeWrite {
        void prepare(Connection connection, TableSpec<?> table, List<StoredRecord> rows) throws SQLException;
    }

    private final ConnectionSource connections;
    private final PreparedStatementRowSink sink;
    private final BeforeWrite beforeWrite;
    private final AtomicLong duplicates = new AtomicLong();

    public InsertBatchWriter(ConnectionSource connections, Dialect dialect, BeforeWrite beforeWrite) {
        this.connections = connections;
        this.sink = new PreparedStatementRowSink(dialect);
        this.beforeWrite = beforeWrite;
    }

    @Override
    public void write(List<StoredRecord> batch) throws SQLException {
        Map<TableSpec<?>, List<StoredRecord>> groups = BatchGrouping.byTable(batch);
        try (Connection connection = connections.open()) {
            for (Map.Entry<TableSpec<?>, List<StoredRecord>> group : groups.entrySet()) {
                beforeWrite.prepare(connection, group.getKey(), Collections.unmodifiableList(group.getValue()));
            }
            Transactions.inTransaction(connection, () -> {
                for (Map.Entry<TableSpec<?>, List<StoredRecord>> group : groups.entrySet()) {
                    insert(connection, group.getKey(), group.getValue());
                }
            });
        }
    }

    private void insert(Connection connection, TableSpec<?> table, List<StoredRecord> rows) throws SQLException {
        long skipped = insertSkippingStored(connection, table, rows);
        if (skipped >= 0) {
            duplicates.addAndGet(skipped);
        }
    }

    /**
     * Inserts rows into a table on the caller's connection and transaction by one multi-row
     * statement, skipping those whose key is stored; the COPY and Appender writers use it for small
     * batches, where one statement costs less than their staging table.
     *
     * @return rows skipped
     */
    public long insertSkippingStored(Connection connection, TableSpec<?> table, List<StoredRecord> rows)
            throws SQLException {
        String row = "(" + String.join(", ", Collections.nCopies(table.columns().size(), "?")) + ")";
        String sql = "insert into " + table.name() + " (" + table.columnList() + ") values "
                + String.join(", ", Collections.nCopies(rows.size(), row)) + " on conflict do nothing";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            sink.reset(statement);
            for (StoredRecord record : rows) {
                table.write(record, sink);
            }
            return rows.size() - statement.executeUpdate();
        }
    }

    @Override
    public long duplicatesSkipped() {
        return duplicates.get();
    }

    @Override
    public void close() {
        // Connections are borrowed per batch; nothing is held.
    }
}
