package dev.nautilus.store.jdbc;

import dev.nautilus.store.model.PnlSnapshot;
import dev.nautilus.store.model.Require;
import dev.nautilus.store.repository.Limits;
import dev.nautilus.store.repository.PnlRepository;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.table.Tables;
import java.util.List;
import java.util.Optional;

/** {@link PnlRepository} over the {@code pnl_snapshots} table. */
public final class JdbcPnlRepository implements PnlRepository {

    private final Queries queries;

    public JdbcPnlRepository(Queries queries) {
        this.queries = queries;
    }

    @Override
    public Optional<PnlSnapshot> latest(String portfolio) {
        Require.text(portfolio, "portfolio");
        return queries
                .list(
                        Queries.selectFrom(Tables.PNL) + " where portfolio = ? order by ts desc limit 1",
                        Tables.PNL.reader(),
                        portfolio)
                .stream()
                .findFirst();
    }

    @Override
    public List<PnlSnapshot> history(String portfolio, TimeRange range, long offset, int limit) {
        Require.text(portfolio, "portfolio");
        return queries.list(
                Queries.selectFrom(Tables.PNL)
                        + " where portfolio = ? and ts >= ? and ts < ? order by ts limit ? offset ?",
                Tables.PNL.reader(),
                portfolio,
                range.from(),
                range.to(),
                Limits.limit(limit),
                Limits.offset(offset));
    }
}
