package dev.nautilus.store.jdbc;

import dev.nautilus.bus.Json;
import dev.nautilus.store.model.EngineStateRow;
import dev.nautilus.store.model.Require;
import dev.nautilus.store.repository.EngineStateRepository;
import java.util.List;
import java.util.Optional;

/** {@link EngineStateRepository} over the {@code engine_state} table; the same SQL on PostgreSQL and DuckDB. */
public final class JdbcEngineStateRepository implements EngineStateRepository {

    private static final String COLUMNS = "engine, sequence, handled, state, recent_ids, saved_at, session";
    private static final String LOAD = "select " + COLUMNS + " from engine_state where engine = ?";
    private static final String SAVE = "insert into engine_state (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (engine) do update set sequence = excluded.sequence, handled = excluded.handled,"
            + " state = excluded.state, recent_ids = excluded.recent_ids, saved_at = excluded.saved_at,"
            + " session = excluded.session"
            + " where engine_state.sequence < excluded.sequence";

    private final Queries queries;

    public JdbcEngineStateRepository(Queries queries) {
        this.queries = queries;
    }

    @Override
    public Optional<EngineStateRow> load(String engine) {
        Require.text(engine, "engine");
        return queries
                .list(
                        LOAD,
                        row -> new EngineStateRow(
                                row.text(1),
                                row.int64(2),
                                row.int64(3),
                                row.text(4),
                                ids(row.text(1), row.text(5)),
                                row.time(6),
                                row.text(7)),
                        engine)
                .stream()
                .findFirst();
    }

    @Override
    public boolean save(EngineStateRow row) {
        return queries.update(
                        SAVE,
                        row.engine(),
                        row.sequence(),
                        row.handled(),
                        row.state(),
                        Json.write(row.recentIds()),
                        row.savedAt(),
                        row.session())
                == 1;
    }

    private static List<String> ids(String engine, String json) {
        try {
            return List.of(Json.read(json, String[].class));
        } catch (RuntimeException e) {
            throw new StoreException("engine_state of " + engine + ": recent_ids is not a JSON array of ids", e);
        }
    }
}
