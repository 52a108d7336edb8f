package dev.nautilus.store.repository;

import dev.nautilus.store.model.SignalRow;

/** Stored strategy signals. */
public interface SignalRepository {

    /**
     * Signals in a time range, ordered by (ts, id), keyset-paginated.
     *
     * @param after where the previous page ended, or {@code null} for the first page
     */
    Page<SignalRow> signals(TimeRange range, Cursor after, int limit);
}
