package dev.nautilus.store.repository;

import dev.nautilus.store.model.PnlSnapshot;
import java.util.List;
import java.util.Optional;

/** Stored portfolio P&amp;L snapshots. */
public interface PnlRepository {

    /** The latest snapshot of a portfolio. */
    Optional<PnlSnapshot> latest(String portfolio);

    /** Snapshots of a portfolio, oldest first, offset-paginated. */
    List<PnlSnapshot> history(String portfolio, TimeRange range, long offset, int limit);
}
