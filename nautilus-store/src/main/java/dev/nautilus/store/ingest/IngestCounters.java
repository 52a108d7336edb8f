package dev.nautilus.store.ingest;

/**
 * A snapshot of an ingest pipeline's counters.
 *
 * @param submitted    rows accepted into the queue
 * @param acknowledged rows whose batch has committed (durable)
 * @param batches      batches committed
 * @param rejected     rows refused (queue full past the timeout, or in a batch that failed to commit)
 * @param failedBatches batches that failed to commit after retries
 * @param queued       rows waiting in the queue now
 * @param duplicates   rows skipped because their unique key was already stored (redeliveries, retries)
 * @param failedAttempts write attempts that failed (each retry of a batch counts)
 * @param failing      whether the latest write attempt failed: the store cannot be written now
 */
public record IngestCounters(
        long submitted,
        long acknowledged,
        long batches,
        long rejected,
        long failedBatches,
        int queued,
        long duplicates,
        long failedAttempts,
        boolean failing) {}
