package dev.nautilus.store.jdbc;

import dev.nautilus.store.model.FactorExposure;
import dev.nautilus.store.model.FactorReturn;
import dev.nautilus.store.model.Require;
import dev.nautilus.store.repository.FactorRepository;
import dev.nautilus.store.repository.Limits;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.table.Tables;
import java.time.Instant;
import java.util.List;

/** {@link FactorRepository} over the {@code factor_exposures} and {@code factor_returns} tables. */
public final class JdbcFactorRepository implements FactorRepository {

    private final Queries queries;

    public JdbcFactorRepository(Queries queries) {
        this.queries = queries;
    }

    @Override
    public List<FactorExposure> latestExposures(Instant asOf) {
        Require.present(asOf, "asOf");
        return queries.list(
                Queries.selectFrom(Tables.FACTOR_EXPOSURES)
                        + " where ts = (select max(ts) from factor_exposures where ts <= ?) order by symbol, factor",
                Tables.FACTOR_EXPOSURES.reader(),
                asOf);
    }

    @Override
    public List<FactorReturn> returns(String factor, TimeRange range, long offset, int limit) {
        Require.text(factor, "factor");
        return queries.list(
                Queries.selectFrom(Tables.FACTOR_RETURNS)
                        + " where factor = ? and ts >= ? and ts < ? order by ts limit ? offset ?",
                Tables.FACTOR_RETURNS.reader(),
                factor,
                range.from(),
                range.to(),
                Limits.limit(limit),
                Limits.offset(offset));
    }
}
