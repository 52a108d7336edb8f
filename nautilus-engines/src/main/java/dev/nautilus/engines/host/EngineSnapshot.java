package dev.nautilus.engines.host;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One stored state of a {@link StatefulEngine}, with what it includes: every input the engine had
 * handled when it was taken ({@code handled} of them, counting from the engine's first start), the
 * ids of the latest of those, and nothing else. The host acknowledges an input on the bus only
 * once a stored snapshot includes it, so after a restart the bus delivers again exactly the inputs
 * after the snapshot, plus inputs already in it that were not acknowledged yet: {@code recentIds}
 * holds those back (see {@link EngineSnapshots}).
 *
 * @param engine    the engine's name
 * @param sequence  1 for the engine's first snapshot, one more for each later one, across restarts
 * @param handled   inputs the state includes, across restarts
 * @param state     the engine's {@link StatefulEngine#saveState() state}
 * @param recentIds ids of the latest inputs included, oldest first
 * @param takenAt   when it was taken
 * @param session   the run it belongs to ({@link EngineStateStore#session()}), empty for none
 */
public record EngineSnapshot(
        String engine,
        long sequence,
        long handled,
        String state,
        List<String> recentIds,
        Instant takenAt,
        String session) {

    public EngineSnapshot {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(takenAt, "takenAt");
        recentIds = List.copyOf(recentIds);
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        }
        if (handled < 0) {
            throw new IllegalArgumentException("handled must be >= 0, was " + handled);
        }
    }
}
