package dev.nautilus.store.jdbc;

import dev.nautilus.store.model.PositionSnapshot;
import dev.nautilus.store.model.Require;
import dev.nautilus.store.repository.PositionRepository;
import dev.nautilus.store.table.Tables;
import java.util.List;

/** {@link PositionRepository} over the {@code positions} table. */
public final class JdbcPositionRepository implements PositionRepository {

    private final Queries queries;
    private final String latestSql;

    public JdbcPositionRepository(Queries queries) {
        this.queries = queries;
        String columns = Tables.POSITIONS.columnList();
        this.latestSql = "select " + columns + " from (select " + columns
                + ", row_number() over (partition by symbol order by ts desc) as rn"
                + " from positions where portfolio = ?) latest where rn = 1 order by symbol";
    }

    @Override
    public List<PositionSnapshot> latest(String portfolio) {
        Require.text(portfolio, "portfolio");
        return queries.list(latestSql, Tables.POSITIONS.reader(), portfolio);
    }
}
