package dev.nautilus.store.repository;

import dev.nautilus.store.model.AlertCategory;
import dev.nautilus.store.model.AlertRow;

/** Stored risk and margin alerts. */
public interface AlertRepository {

    /**
     * Alerts of every category, ordered by (ts, id), keyset-paginated.
     *
     * @param after where the previous page ended, or {@code null} for the first page
     */
    Page<AlertRow> alerts(TimeRange range, Cursor after, int limit);

    /** Alerts of one category, ordered by (ts, id), keyset-paginated. */
    Page<AlertRow> alerts(AlertCategory category, TimeRange range, Cursor after, int limit);
}
