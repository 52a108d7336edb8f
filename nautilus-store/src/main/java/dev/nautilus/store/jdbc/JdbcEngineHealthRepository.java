package dev.nautilus.store.jdbc;

import dev.nautilus.store.model.EngineHealthSample;
import dev.nautilus.store.model.Require;
import dev.nautilus.store.repository.EngineHealthRepository;
import dev.nautilus.store.repository.Limits;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.table.Tables;
import java.util.List;

/** {@link EngineHealthRepository} over the {@code engine_health} table. */
public final class JdbcEngineHealthRepository implements EngineHealthRepository {

    private final Queries queries;
    private final String latestSql;

    public JdbcEngineHealthRepository(Queries queries) {
        this.queries = queries;
        String columns = Tables.ENGINE_HEALTH.columnList();
        this.latestSql = "select " + columns + " from (select " + columns
                + ", row_number() over (partition by engine order by ts desc) as rn"
                + " from engine_health) latest where rn = 1 order by engine";
    }

    @Override
    public List<EngineHealthSample> latest() {
        return queries.list(latestSql, Tables.ENGINE_HEALTH.reader());
    }

    @Override
    public List<EngineHealthSample> history(String engine, TimeRange range, long offset, int limit) {
        Require.text(engine, "engine");
        return queries.list(
                Queries.selectFrom(Tables.ENGINE_HEALTH)
                        + " where engine = ? and ts >= ? and ts < ? order by ts limit ? offset ?",
                Tables.ENGINE_HEALTH.reader(),
                engine,
                range.from(),
                range.to(),
                Limits.limit(limit),
                Limits.offset(offset));
    }
}
