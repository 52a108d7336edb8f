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
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * {@link BatchWriter} by {@code COPY ... FROM STDIN} (text format) through PgJDBC's
 * {@link CopyManager}: all tables of a batch in one transaction, so a batch is committed whole or not
 * at all.
 */
public final class CopyBatchWriter implements BatchWriter {

    private final ConnectionSource connections;
    private final InsertBatchWriter.BeforeWrite beforeWrite;
    private final StringBuilder buffer = new StringBuilder(1 << 20);

    /**
     * @param connections where to borrow a connection for each batch
     * @param beforeWrite run per table before the transaction (partition creation), may be a no-op
     */
    public CopyBatchWriter(ConnectionSource connections, InsertBatchWriter.BeforeWrite beforeWrite) {
        this.connections = connections;
        this.beforeWrite = beforeWrite;
    }

    @Override
    public void write(List<StoredRecord> batch) throws SQLException {
        Map<TableSpec<?>, List<StoredRecord>> groups = BatchGrouping.byTable(batch);
        try (Connection connection = connections.open()) {
            for (Map.Entry<TableSpec<?>, List<StoredRecord>> group : groups.entrySet()) {
                beforeWrite.prepare(connection, group.getKey(), group.getValue());
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Transactions.inTransaction(connection, () -> {
                for (Map.Entry<TableSpec<?>, List<StoredRecord>> group : groups.entrySet()) {
                    copy(copy, group.getKey(), group.getValue());
                }
            });
        }
    }

    private void copy(CopyManager copy, TableSpec<?> table, List<StoredRecord> rows) throws SQLException {
        buffer.setLength(0);
        CopyTextEncoder encoder = new CopyTextEncoder(buffer);
        for (StoredRecord row : rows) {
            table.write(row, encoder);
            encoder.endRow();
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = copy.copyIn("copy " + table.name() + " (" + table.columnList() + ") from stdin (format text)");
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    @Override
    public void close() {
        // Connections are borrowed per batch; nothing is held.
    }
}
