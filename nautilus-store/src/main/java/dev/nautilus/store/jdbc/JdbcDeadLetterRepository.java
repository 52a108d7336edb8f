package dev.nautilus.store.jdbc;

import dev.nautilus.store.model.DeadLetterRow;
import dev.nautilus.store.repository.Cursor;
import dev.nautilus.store.repository.DeadLetterRepository;
import dev.nautilus.store.repository.Page;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.table.Tables;

/** {@link DeadLetterRepository} over the {@code dead_letters} table. */
public final class JdbcDeadLetterRepository implements DeadLetterRepository {

    private final Queries queries;

    public JdbcDeadLetterRepository(Queries queries) {
        this.queries = queries;
    }

    @Override
    public Page<DeadLetterRow> deadLetters(TimeRange range, Cursor after, int limit) {
        return queries.keysetPage(Tables.DEAD_LETTERS, null, null, range, after, limit, DeadLetterRow::id);
    }
}
