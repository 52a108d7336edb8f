package dev.nautilus.store.duckdb;

import dev.nautilus.store.table.RowSink;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Instant;
import org.duckdb.DuckDBAppender;

/** {@link RowSink} onto a DuckDB {@link DuckDBAppender}; the caller begins and ends each row. */
final class AppenderRowSink implements RowSink {

    private static final int DECIMAL_SCALE = 12;

    private DuckDBAppender appender;

    void reset(DuckDBAppender target) {
        this.appender = target;
    }

    @Override
    public void time(Instant value) throws SQLException {
        long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000);
        appender.appendEpochMicros(micros);
    }

    @Override
    public void text(String value) throws SQLException {
        appender.append(value);
    }

    @Override
    public void int32(int value) throws SQLException {
        appender.append(value);
    }

    @Override
    public void int64(long value) throws SQLException {
        appender.append(value);
    }

    @Override
    public void float64(double value) throws SQLException {
        appender.append(value);
    }

    @Override
    public void decimal(BigDecimal value) throws SQLException {
        // The column is DECIMAL(38, 12); records already refuse more than 12 places, so this only pads.
        appender.append(value.setScale(DECIMAL_SCALE, RoundingMode.UNNECESSARY));
    }
}
