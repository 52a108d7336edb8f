package dev.nautilus.store.repository;

import dev.nautilus.store.model.Execution;

/** Stored executions (fills). */
public interface ExecutionRepository {

    /**
     * Executions of one portfolio, ordered by (ts, id), keyset-paginated.
     *
     * @param after where the previous page ended, or {@code null} for the first page
     */
    Page<Execution> executions(String portfolio, TimeRange range, Cursor after, int limit);
}
