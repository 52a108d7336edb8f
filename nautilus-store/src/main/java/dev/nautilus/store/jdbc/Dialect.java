package dev.nautilus.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * What differs between the two stores' SQL: how timestamps travel through JDBC and which function
 * buckets time. Everything else in the queries is SQL both PostgreSQL and DuckDB accept.
 */
public interface Dialect {

    /** Binds a UTC instant. */
    void bindTime(PreparedStatement statement, int index, Instant value) throws SQLException;

    /** Reads a UTC instant. */
    Instant readTime(ResultSet resultSet, int column) throws SQLException;

    /**
     * SQL expression for the start of the epoch-aligned bucket holding {@code ts}, with exactly one
     * {@code ?} parameter for the bucket width (bound by {@link #bindBucketWidth}); the width is never
     * spliced into the SQL text.
     */
    String bucketStart();

    /** Binds the bucket width parameter of {@link #bucketStart()}. */
    void bindBucketWidth(PreparedStatement statement, int index, Duration width) throws SQLException;
}
