package dev.nautilus.engines.host;

import java.util.Optional;

/**
 * Where engines' snapshots are kept (the port the host writes through; the store module implements
 * it on PostgreSQL and the embedded database). One snapshot per engine: a save replaces the
 * engine's previous one, unless that one has a higher {@link EngineSnapshot#sequence()}.
 */
public interface EngineStateStore {

    /**
     * The run snapshots are saved under and restored from: a deployment that replays its market data
     * from the start at every launch gives each launch its own, so that its engines do not restore
     * a state that already includes the inputs the replay sends again. Empty (the default): one
     * run, restored across every restart.
     */
    default String session() {
        return "";
    }

    /** The engine's latest snapshot, if any. */
    Optional<EngineSnapshot> load(String engine);

    /**
     * Stores a snapshot durably before returning.
     *
     * @throws RuntimeException when it could not be stored (the host retries)
     */
    void save(EngineSnapshot snapshot);
}
