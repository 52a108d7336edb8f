package dev.nautilus.store.repository;

import dev.nautilus.store.model.DeadLetterRow;

/** Stored dead letters. */
public interface DeadLetterRepository {

    /**
     * Dead letters ordered by (ts, id), keyset-paginated.
     *
     * @param after where the previous page ended, or {@code null} for the first page
     */
    Page<DeadLetterRow> deadLetters(TimeRange range, Cursor after, int limit);
}
