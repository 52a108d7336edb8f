package dev.nautilus.store.table;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Receives one row's values, in column order. Implemented once per write path (COPY text encoder,
 * DuckDB appender, JDBC batch), so a table's mapping is written once and used by all of them.
 */
public interface RowSink {

    void time(Instant value) throws SQLException;

    void text(String value) throws SQLException;

    void int32(int value) throws SQLException;

    void int64(long value) throws SQLException;

    void float64(double value) throws SQLException;

    void decimal(BigDecimal value) throws SQLException;
}
