package dev.nautilus.store;

/** Which database backs a {@link Store}. */
public enum StoreKind {
    /** PostgreSQL with native declarative partitioning by day. */
    POSTGRESQL,
    /** PostgreSQL with the TimescaleDB extension: hypertables with one-day chunks. */
    TIMESCALEDB,
    /** The embedded DuckDB file. */
    DUCKDB
}
