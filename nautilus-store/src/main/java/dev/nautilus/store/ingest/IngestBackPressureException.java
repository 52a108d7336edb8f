package dev.nautilus.store.ingest;

/**
 * Thrown when a row cannot be queued for ingest within the configured offer timeout because the
 * writer is behind. The row is not stored; the caller decides whether to retry, drop or slow down.
 */
public final class IngestBackPressureException extends RuntimeException {

    public IngestBackPressureException(String message) {
        super(message);
    }
}
