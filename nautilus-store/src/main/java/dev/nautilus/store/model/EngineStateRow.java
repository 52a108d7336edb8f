package dev.nautilus.store.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One engine's latest stored snapshot ({@code engine_state}): its own state as text, which inputs
 * it includes, and when it was taken. The engine host writes it through the store; see
 * {@code dev.nautilus.engines.host.EngineSnapshots} for how it agrees with the bus.
 *
 * @param engine    engine name
 * @param sequence  1 for the engine's first snapshot, one more for each later one
 * @param handled   inputs the state includes
 * @param state     the engine's state, JSON text
 * @param recentIds ids of the latest inputs included, oldest first
 * @param savedAt   when it was taken
 * @param session   the run it belongs to, empty for none
 */
public record EngineStateRow(
        String engine,
        long sequence,
        long handled,
        String state,
        List<String> recentIds,
        Instant savedAt,
        String session) {

    /** The counts are the engine host's to keep right; PostgreSQL checks them again. */
    public EngineStateRow {
        Require.text(engine, "engine");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(savedAt, "savedAt");
        Objects.requireNonNull(session, "session");
        recentIds = List.copyOf(recentIds);
    }
}
