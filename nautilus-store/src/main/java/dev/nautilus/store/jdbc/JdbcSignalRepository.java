package dev.nautilus.store.jdbc;

import dev.nautilus.store.model.SignalRow;
import dev.nautilus.store.repository.Cursor;
import dev.nautilus.store.repository.Page;
import dev.nautilus.store.repository.SignalRepository;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.table.Tables;

/** {@link SignalRepository} over the {@code signals} table. */
public final class JdbcSignalRepository implements SignalRepository {

    private final Queries queries;

    public JdbcSignalRepository(Queries queries) {
        this.queries = queries;
    }

    @Override
    public Page<SignalRow> signals(TimeRange range, Cursor after, int limit) {
        return queries.keysetPage(Tables.SIGNALS, null, null, range, after, limit, SignalRow::id);
    }
}
