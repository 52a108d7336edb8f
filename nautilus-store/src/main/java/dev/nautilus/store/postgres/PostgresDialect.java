package dev.nautilus.store.postgres;

import dev.nautilus.store.jdbc.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** PostgreSQL: {@code timestamptz} as {@link OffsetDateTime} in UTC, buckets by {@code date_bin}. */
public final class PostgresDialect implements Dialect {

    @Override
    public void bindTime(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    @Override
    public Instant readTime(ResultSet resultSet, int column) throws SQLException {
        return resultSet.getObject(column, OffsetDateTime.class).toInstant();
    }

    @Override
    public String bucketStart() {
        return "date_bin(make_interval(secs => cast(? as double precision)), ts, timestamptz '1970-01-01 00:00:00+00')";
    }

    @Override
    public void bindBucketWidth(PreparedStatement statement, int index, Duration width) throws SQLException {
        // Widths are whole milliseconds (checked by the repository), so seconds with a fraction of
        // thousandths convert to the interval's microseconds exactly.
        statement.setDouble(index, width.toMillis() / 1000.0);
    }
}
