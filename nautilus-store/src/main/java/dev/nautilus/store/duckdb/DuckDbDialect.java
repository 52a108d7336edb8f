package dev.nautilus.store.duckdb;

import dev.nautilus.store.jdbc.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * DuckDB: {@code TIMESTAMP} columns hold UTC wall time (passed as {@link LocalDateTime} in UTC, so
 * the JVM's time zone never shifts a value), buckets by {@code time_bucket}.
 */
public final class DuckDbDialect implements Dialect {

    @Override
    public void bindTime(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    @Override
    public Instant readTime(ResultSet resultSet, int column) throws SQLException {
        return resultSet.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    @Override
    public String bucketStart() {
        // Explicit epoch origin: DuckDB's default origin (2000-01-03) would agree for sub-day widths
        // but not for every width PostgreSQL's date_bin is given.
        return "time_bucket(to_microseconds(cast(? as bigint)), ts, timestamp '1970-01-01 00:00:00')";
    }

    @Override
    public void bindBucketWidth(PreparedStatement statement, int index, Duration width) throws SQLException {
        statement.setLong(index, width.toNanos() / 1_000);
    }
}
