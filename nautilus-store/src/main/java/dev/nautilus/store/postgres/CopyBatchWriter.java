package dev.nautilus.store.postgres;

import dev.nautilus.store.ingest.BatchWriter;
import dev.nautilus.store.jdbc.BatchGrouping;
import dev.nautilus.store.jdbc.ConnectionSource;
import dev.nautilus.store.jdbc.InsertBatchWriter;
import dev.nautilus.store.jdbc.Transactions;
import dev.nautilus.store.model.StoredRecord;
import dev.nautilus.store.table.TableSpec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * {@link BatchWriter} by {@code COPY ... FROM STDIN} (text format) through PgJDBC's
 * {@link CopyManager}: all tables of a batch in one transaction, so a batch is committed whole or not
 * at all.
 *
 * <p>Idempotent: COPY cannot skip a row whose unique key is already stored (it fails the whole
 * copy), so each table's rows are copied into a temporary staging table of the session
 * ({@code ON COMMIT DELETE ROWS}, created once per pooled connection) and moved over by
 * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} in the same transaction. A redelivered or
 * retried row is skipped and counted ({@link #duplicatesSkipped()}). A table's rows of a small batch
 * (up to {@link #SMALL_BATCH}: the recorder's batches, whose handlers wait for the commit) skip the
 * staging table and go by one {@code INSERT ... ON CONFLICT DO NOTHING}: fewer round trips.
 */
public final class CopyBatchWriter implements BatchWriter {

    private final ConnectionSource connections;
    private final InsertBatchWriter.BeforeWrite beforeWrite;
    /** Rows of one table up to which a batch is inserted rather than copied. */
    static final int SMALL_BATCH = 256;

    private final StringBuilder buffer = new StringBuilder(1 << 20);
    private final InsertBatchWriter small;
    private final AtomicLong duplicates = new AtomicLong();

    /**
     * @param connections where to borrow a connection for each batch
     * @param beforeWrite run per table before the transaction (partition creation), may be a no-op
     */
    public CopyBatchWriter(ConnectionSource connections, InsertBatchWriter.BeforeWrite beforeWrite) {
        this.connections = connections;
        this.beforeWrite = beforeWrite;
        this.small = new InsertBatchWriter(connections, new PostgresDialect(), beforeWrite);
    }

    @Override
    public void write(List<StoredRecord> batch) throws SQLException {
        Map<TableSpec<?>, List<StoredRecord>> groups = BatchGrouping.byTable(batch);
        try (Connection connection = connections.open()) {
            for (Map.Entry<TableSpec<?>, List<StoredRecord>> group : groups.entrySet()) {
                beforeWrite.prepare(connection, group.getKey(), group.getValue());
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long[] skipped = {0};
            Transactions.inTransaction(connection, () -> {
                for (Map.Entry<TableSpec<?>, List<StoredRecord>> group : groups.entrySet()) {
                    skipped[0] += copy(connection, copy, group.getKey(), group.getValue());
                }
            });
            duplicates.addAndGet(skipped[0]);
        }
    }

    @Override
    public long duplicatesSkipped() {
        return duplicates.get();
    }

    /** Copies the rows through the staging table; returns how many were already stored. */
    private long copy(Connection connection, CopyManager copy, TableSpec<?> table, List<StoredRecord> rows)
            throws SQLException {
        if (rows.size() <= SMALL_BATCH) {
            return small.insertSkippingStored(connection, table, rows);
        }
        String stage = "stage_" + table.name();
        try (Statement statement = connection.createStatement()) {
            // Temporary tables live in the session's own schema, which is searched first: the prefix
            // keeps the staging table from ever shadowing a real one.
            statement.execute(
                    "create temp table if not exists " + stage + " (like " + table.name() + ") on commit delete rows");
        }
        buffer.setLength(0);
        CopyTextEncoder encoder = new CopyTextEncoder(buffer);
        for (StoredRecord row : rows) {
            table.write(row, encoder);
            encoder.endRow();
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = copy.copyIn("copy " + stage + " (" + table.columnList() + ") from stdin (format text)");
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        try (Statement statement = connection.createStatement()) {
            int inserted = statement.executeUpdate("insert into " + table.name() + " (" + table.columnList()
                    + ") select " + table.columnList() + " from " + stage + " on conflict do nothing");
            return rows.size() - inserted;
        }
    }

    @Override
    public void close() {
        // Connections are borrowed per batch; nothing is held.
    }
}
