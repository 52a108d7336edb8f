package dev.nautilus.store.repository;

import dev.nautilus.store.model.EngineStateRow;
import java.util.Optional;

/** Each stateful engine's latest snapshot ({@code engine_state}), one row per engine. */
public interface EngineStateRepository {

    /** The engine's row, if it has one. */
    Optional<EngineStateRow> load(String engine);

    /**
     * Stores {@code row} durably (its own transaction) in place of the engine's row, unless that
     * one's sequence is higher or equal: a late write from an older snapshot never replaces a newer.
     *
     * @return whether the row was stored
     */
    boolean save(EngineStateRow row);
}
