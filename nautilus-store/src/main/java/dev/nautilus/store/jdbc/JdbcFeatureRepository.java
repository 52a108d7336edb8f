package dev.nautilus.store.jdbc;

import dev.nautilus.store.model.FeatureValue;
import dev.nautilus.store.model.Require;
import dev.nautilus.store.repository.FeatureRepository;
import dev.nautilus.store.repository.Limits;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.table.Tables;
import java.util.List;

/** {@link FeatureRepository} over the {@code features} table. */
public final class JdbcFeatureRepository implements FeatureRepository {

    private final Queries queries;

    public JdbcFeatureRepository(Queries queries) {
        this.queries = queries;
    }

    @Override
    public List<FeatureValue> values(String symbol, String feature, TimeRange range, long offset, int limit) {
        Require.text(symbol, "symbol");
        Require.text(feature, "feature");
        return queries.list(
                Queries.selectFrom(Tables.FEATURES)
                        + " where symbol = ? and feature = ? and ts >= ? and ts < ? order by ts limit ? offset ?",
                Tables.FEATURES.reader(),
                symbol,
                feature,
                range.from(),
                range.to(),
                Limits.limit(limit),
                Limits.offset(offset));
    }
}
