package dev.nautilus.store.jdbc;

import dev.nautilus.store.model.AlertCategory;
import dev.nautilus.store.model.AlertRow;
import dev.nautilus.store.model.Require;
import dev.nautilus.store.repository.AlertRepository;
import dev.nautilus.store.repository.Cursor;
import dev.nautilus.store.repository.Page;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.table.Tables;

/** {@link AlertRepository} over the {@code alerts} table. */
public final class JdbcAlertRepository implements AlertRepository {

    private final Queries queries;

    public JdbcAlertRepository(Queries queries) {
        this.queries = queries;
    }

    @Override
    public Page<AlertRow> alerts(TimeRange range, Cursor after, int limit) {
        return queries.keysetPage(Tables.ALERTS, null, null, range, after, limit, AlertRow::id);
    }

    @Override
    public Page<AlertRow> alerts(AlertCategory category, TimeRange range, Cursor after, int limit) {
        Require.present(category, "category");
        return queries.keysetPage(Tables.ALERTS, "category", category.name(), range, after, limit, AlertRow::id);
    }
}
