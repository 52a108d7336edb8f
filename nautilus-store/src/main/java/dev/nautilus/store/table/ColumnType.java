package dev.nautilus.store.table;

/** The few column types the stored tables use; each store maps them to its own SQL types. */
public enum ColumnType {
    /** UTC instant with microsecond precision: {@code timestamptz} / DuckDB {@code TIMESTAMP} (UTC by convention). */
    TIMESTAMP,
    /** Text. */
    TEXT,
    /** 32-bit integer. */
    INT32,
    /** 64-bit integer. */
    INT64,
    /** IEEE double. */
    FLOAT64,
    /** Fixed point, 38 digits with 12 decimal places. */
    DECIMAL
}
