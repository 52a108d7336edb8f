package dev.nautilus.store.jdbc;

import dev.nautilus.store.model.Require;
import dev.nautilus.store.model.VpinPoint;
import dev.nautilus.store.repository.Limits;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.repository.VpinRepository;
import dev.nautilus.store.table.Tables;
import java.util.List;

/** {@link VpinRepository} over the {@code vpin} table. */
public final class JdbcVpinRepository implements VpinRepository {

    private final Queries queries;

    public JdbcVpinRepository(Queries queries) {
        this.queries = queries;
    }

    @Override
    public List<VpinPoint> series(String symbol, TimeRange range, long afterBucket, int limit) {
        Require.text(symbol, "symbol");
        return queries.list(
                Queries.selectFrom(Tables.VPIN)
                        + " where symbol = ? and ts >= ? and ts < ? and bucket > ? order by bucket limit ?",
                Tables.VPIN.reader(),
                symbol,
                range.from(),
                range.to(),
                afterBucket,
                Limits.limit(limit));
    }
}
