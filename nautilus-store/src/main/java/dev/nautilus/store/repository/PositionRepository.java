package dev.nautilus.store.repository;

import dev.nautilus.store.model.PositionSnapshot;
import java.util.List;

/** Stored position snapshots. */
public interface PositionRepository {

    /** The latest snapshot of each symbol held by a portfolio, by symbol. */
    List<PositionSnapshot> latest(String portfolio);
}
