package dev.nautilus.store.jdbc;

import dev.nautilus.store.table.RowSource;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** {@link RowSource} over the current row of a JDBC result set. */
final class ResultSetRowSource implements RowSource {

    private final ResultSet resultSet;
    private final Dialect dialect;

    ResultSetRowSource(ResultSet resultSet, Dialect dialect) {
        this.resultSet = resultSet;
        this.dialect = dialect;
    }

    @Override
    public Instant time(int column) throws SQLException {
        return dialect.readTime(resultSet, column);
    }

    @Override
    public String text(int column) throws SQLException {
        return resultSet.getString(column);
    }

    @Override
    public int int32(int column) throws SQLException {
        return resultSet.getInt(column);
    }

    @Override
    public long int64(int column) throws SQLException {
        return resultSet.getLong(column);
    }

    @Override
    public double float64(int column) throws SQLException {
        return resultSet.getDouble(column);
    }

    @Override
    public BigDecimal decimal(int column) throws SQLException {
        return resultSet.getBigDecimal(column);
    }
}
