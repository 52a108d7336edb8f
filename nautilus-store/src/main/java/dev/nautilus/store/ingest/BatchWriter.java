package dev.nautilus.store.ingest;

import dev.nautilus.store.model.StoredRecord;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes one batch of rows atomically: when {@link #write} returns, every row of the batch is
 * committed; when it throws, none is. Called from a single writer thread only.
 */
public interface BatchWriter extends AutoCloseable {

    /** Writes and commits the batch (rows of any tables, in submission order). */
    void write(List<StoredRecord> batch) throws SQLException;

    /**
     * Rows skipped so far because their unique key was already stored (a redelivered message, a
     * retried batch): the writers are idempotent, so such a row neither fails its batch nor is
     * stored twice.
     */
    default long duplicatesSkipped() {
        return 0;
    }

    /** Releases the writer's connection. */
    @Override
    void close() throws SQLException;
}
