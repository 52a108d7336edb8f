package dev.nautilus.store.jdbc;

import dev.nautilus.store.model.StoredRecord;
import dev.nautilus.store.repository.Cursor;
import dev.nautilus.store.repository.Limits;
import dev.nautilus.store.repository.Page;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.table.RowSource;
import dev.nautilus.store.table.TableSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs parameterised queries. SQL text here is assembled only from fixed table and column names
 * (see {@link TableSpec}); every value, including limits, offsets and bucket widths, is a bound
 * parameter.
 */
public final class Queries {

    private final ConnectionSource connections;
    private final Dialect dialect;

    public Queries(ConnectionSource connections, Dialect dialect) {
        this.connections = connections;
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** {@code select <columns> from <table>} for a table spec. */
    public static String selectFrom(TableSpec<?> spec) {
        return "select " + spec.columnList() + " from " + spec.name();
    }

    /** Runs a query and maps every row. Parameters: Instant, String, Long, Integer, Double or Duration (bucket width). */
    public <T> List<T> list(String sql, TableSpec.RowReader<T> reader, Object... params) {
        try (Connection connection = connections.open();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet resultSet = statement.executeQuery()) {
                RowSource row = new ResultSetRowSource(resultSet, dialect);
                List<T> rows = new ArrayList<>();
                while (resultSet.next()) {
                    rows.add(reader.read(row));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new StoreException("query failed: " + firstLine(sql), e);
        }
    }

    /** Runs one statement that changes rows (auto-committed); returns how many it changed. */
    public int update(String sql, Object... params) {
        try (Connection connection = connections.open();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("update failed: " + firstLine(sql), e);
        }
    }

    /** Runs a query returning one long (e.g. a count). */
    public long single(String sql, Object... params) {
        List<Long> rows = list(sql, row -> row.int64(1), params);
        return rows.isEmpty() ? 0 : rows.getFirst();
    }

    /**
     * Keyset page over a table ordered by {@code (ts, id)}: rows in {@code range}, strictly after
     * {@code after}, with an optional extra equality filter on one column.
     */
    public <T extends StoredRecord> Page<T> keysetPage(
            TableSpec<T> spec,
            String filterColumn,
            String filterValue,
            TimeRange range,
            Cursor after,
            int limit,
            Function<T, String> idOf) {
        Limits.limit(limit);
        StringBuilder sql = new StringBuilder(selectFrom(spec)).append(" where ts >= ? and ts < ?");
        List<Object> params = new ArrayList<>(List.of(range.from(), range.to()));
        if (filterColumn != null) {
            sql.append(" and ").append(filterColumn).append(" = ?");
            params.add(filterValue);
        }
        if (after != null) {
            sql.append(" and (ts > ? or (ts = ? and id > ?))");
            params.add(after.ts());
            params.add(after.ts());
            params.add(after.id());
        }
        sql.append(" order by ts, id limit ?");
        params.add(limit);
        List<T> items = list(sql.toString(), spec.reader(), params.toArray());
        Optional<Cursor> next = items.size() < limit
                ? Optional.empty()
                : Optional.of(new Cursor(items.getLast().ts(), idOf.apply(items.getLast())));
        return new Page<>(items, next);
    }

    private void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            int index = i + 1;
            switch (params[i]) {
                case Instant t -> dialect.bindTime(statement, index, t);
                case String s -> statement.setString(index, s);
                case Long l -> statement.setLong(index, l);
                case Integer n -> statement.setInt(index, n);
                case Double d -> statement.setDouble(index, d);
                case Duration d -> dialect.bindBucketWidth(statement, index, d);
                case null -> throw new IllegalArgumentException("query parameter " + index + " is null");
                default ->
                    throw new IllegalArgumentException("unsupported query parameter type "
                            + params[i].getClass().getName());
            }
        }
    }

    private static String firstLine(String sql) {
        return sql.length() > 120 ? sql.substring(0, 120) + "..." : sql;
    }
}
