package dev.nautilus.app;

import dev.nautilus.engines.host.EngineSnapshot;
import dev.nautilus.engines.host.EngineStateStore;
import dev.nautilus.store.model.EngineStateRow;
import dev.nautilus.store.repository.EngineStateRepository;
import java.util.Optional;

/** The engines' snapshots in the store's {@code engine_state} table (the engine host's port, on the store). */
public final class StoredEngineState implements EngineStateStore {

    private final EngineStateRepository rows;
    private final String session;

    /** @param session the run snapshots belong to ({@link EngineStateStore#session()}), empty for none */
    public StoredEngineState(EngineStateRepository rows, String session) {
        this.rows = rows;
        this.session = session;
    }

    @Override
    public String session() {
        return session;
    }

    @Override
    public Optional<EngineSnapshot> load(String engine) {
        return rows.load(engine)
                .map(r -> new EngineSnapshot(
                        r.engine(), r.sequence(), r.handled(), r.state(), r.recentIds(), r.savedAt(), r.session()));
    }

    @Override
    public void save(EngineSnapshot s) {
        // false: a snapshot with this sequence or a later one is stored already, which includes this one
        rows.save(new EngineStateRow(
                s.engine(), s.sequence(), s.handled(), s.state(), s.recentIds(), s.takenAt(), s.session()));
    }
}
