package dev.nautilus.store.jdbc;

import dev.nautilus.store.model.Execution;
import dev.nautilus.store.model.Require;
import dev.nautilus.store.repository.Cursor;
import dev.nautilus.store.repository.ExecutionRepository;
import dev.nautilus.store.repository.Page;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.table.Tables;

/** {@link ExecutionRepository} over the {@code executions} table. */
public final class JdbcExecutionRepository implements ExecutionRepository {

    private final Queries queries;

    public JdbcExecutionRepository(Queries queries) {
        this.queries = queries;
    }

    @Override
    public Page<Execution> executions(String portfolio, TimeRange range, Cursor after, int limit) {
        Require.text(portfolio, "portfolio");
        return queries.keysetPage(Tables.EXECUTIONS, "portfolio", portfolio, range, after, limit, Execution::id);
    }
}
