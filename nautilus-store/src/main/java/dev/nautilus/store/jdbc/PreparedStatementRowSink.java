package dev.nautilus.store.jdbc;

import dev.nautilus.store.table.RowSink;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** {@link RowSink} that binds a row's values to an INSERT statement's parameters. */
final class PreparedStatementRowSink implements RowSink {

    private final Dialect dialect;
    private PreparedStatement statement;
    private int index;

    PreparedStatementRowSink(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Starts binding a new row into {@code target}. */
    void reset(PreparedStatement target) {
        this.statement = target;
        this.index = 0;
    }

    @Override
    public void time(Instant value) throws SQLException {
        dialect.bindTime(statement, ++index, value);
    }

    @Override
    public void text(String value) throws SQLException {
        statement.setString(++index, value);
    }

    @Override
    public void int32(int value) throws SQLException {
        statement.setInt(++index, value);
    }

    @Override
    public void int64(long value) throws SQLException {
        statement.setLong(++index, value);
    }

    @Override
    public void float64(double value) throws SQLException {
        statement.setDouble(++index, value);
    }

    @Override
    public void decimal(BigDecimal value) throws SQLException {
        statement.setBigDecimal(++index, value);
    }
}
