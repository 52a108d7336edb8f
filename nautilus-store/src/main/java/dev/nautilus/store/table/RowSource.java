package dev.nautilus.store.table;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;

/** Reads one row's values by 1-based column index; hides how each store returns timestamps. */
public interface RowSource {

    Instant time(int column) throws SQLException;

    String text(int column) throws SQLException;

    int int32(int column) throws SQLException;

    long int64(int column) throws SQLException;

    double float64(int column) throws SQLException;

    BigDecimal decimal(int column) throws SQLException;
}
