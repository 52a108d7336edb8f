package dev.nautilus.store.ingest;

import dev.nautilus.store.model.StoredRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * Asynchronous, batched, bounded ingest of stored records: the seam a bus Recorder writes through.
 * A Recorder turns each bus message into a {@link StoredRecord} (whose constructor refuses malformed
 * values) and calls {@link #submit}; rows are written in batches by one writer thread.
 *
 * <p>Durability contract: a row is <em>acknowledged</em> once the batch holding it has committed.
 * {@link #acknowledged()} and the commit listeners report that count; if the process dies, at most
 * the rows submitted but not yet acknowledged are lost.
 */
public interface Ingest extends AutoCloseable {

    /**
     * Queues a row. Blocks while the queue is full, up to the configured offer timeout.
     *
     * @throws IngestBackPressureException if the queue stayed full for the whole timeout
     * @throws IllegalStateException       if the ingest is closed
     * @throws NullPointerException        if the record is null
     */
    void submit(StoredRecord record);

    /** Queues several rows, in order, with the same blocking rules as {@link #submit}. */
    default void submitAll(Iterable<? extends StoredRecord> records) {
        for (StoredRecord record : records) {
            submit(record);
        }
    }

    /**
     * Queues rows, in order, and returns a future that completes (with the acknowledged count) once
     * all of them are committed, or exceptionally if their batch was given up. The seam for a caller
     * that must not acknowledge its input before its rows are durable (the bus recorder).
     *
     * @throws IngestBackPressureException if the queue stayed full for the whole timeout; rows queued
     *                                     before it will still be written, so submit them all again
     *                                     (the store skips rows it already holds)
     */
    default CompletableFuture<Long> submitCommitted(List<? extends StoredRecord> records) {
        submitAll(records);
        return flush();
    }

    /**
     * Completes, with the acknowledged count, once every row submitted before this call has been
     * written; completes exceptionally instead if any batch failed (and its rows were counted as
     * rejected) since the previous flush completed.
     */
    CompletableFuture<Long> flush();

    /** Rows committed so far (durable). */
    long acknowledged();

    /** Registers a listener called on the writer thread after each commit with the acknowledged total. */
    void onCommit(LongConsumer listener);

    /** Current counters. */
    IngestCounters counters();

    /** Stops accepting rows, writes everything already queued, then releases the connection. */
    @Override
    void close();
}
