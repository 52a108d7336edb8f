package dev.nautilus.store.jdbc;

import dev.nautilus.store.model.BarInterval;
import dev.nautilus.store.model.BarRow;
import dev.nautilus.store.model.Require;
import dev.nautilus.store.repository.BarRepository;
import dev.nautilus.store.repository.Limits;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.table.Tables;
import java.util.List;

/** {@link BarRepository} over the {@code bars} table. */
public final class JdbcBarRepository implements BarRepository {

    private final Queries queries;

    public JdbcBarRepository(Queries queries) {
        this.queries = queries;
    }

    @Override
    public List<BarRow> bars(String symbol, BarInterval interval, TimeRange range, long offset, int limit) {
        Require.text(symbol, "symbol");
        Require.present(interval, "interval");
        return queries.list(
                Queries.selectFrom(Tables.BARS)
                        + " where symbol = ? and bar_interval = ? and ts >= ? and ts < ? order by ts limit ? offset ?",
                Tables.BARS.reader(),
                symbol,
                interval.label(),
                range.from(),
                range.to(),
                Limits.limit(limit),
                Limits.offset(offset));
    }
}
