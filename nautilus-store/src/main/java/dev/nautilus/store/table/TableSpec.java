package dev.nautilus.store.table;

import dev.nautilus.store.model.StoredRecord;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How one record type maps to one table: its name, its columns (the first is always {@code ts}, the
 * partitioning column), how to write a record as a row and how to read a row back.
 *
 * @param name    table name (a fixed identifier)
 * @param type    record class
 * @param columns columns in storage order
 * @param writer  writes a record's values into a {@link RowSink}, in column order
 * @param reader  reads a record from a {@link RowSource} whose columns are in the same order
 * @param key     the columns of the table's unique key (the message id, or the natural key of a row
 *                that has none), always including {@code ts}: a unique key of a table partitioned by
 *                {@code ts} (or a hypertable) must contain it. Writers skip a row whose key is stored.
 * @param <T>     record type
 */
public record TableSpec<T extends StoredRecord>(
        String name, Class<T> type, List<Column> columns, RowWriter<T> writer, RowReader<T> reader, List<String> key) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

    public TableSpec {
        Objects.requireNonNull(name, "name");
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("name is not a plain SQL identifier: " + name);
        }
        Objects.requireNonNull(type, "type");
        columns = List.copyOf(columns);
        if (columns.isEmpty() || !columns.getFirst().name().equals("ts")) {
            throw new IllegalArgumentException("columns must start with ts, the partitioning column: " + name);
        }
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(reader, "reader");
        key = List.copyOf(key);
        List<String> names = columns.stream().map(Column::name).toList();
        if (!key.contains("ts") || !names.containsAll(key)) {
            throw new IllegalArgumentException("key must be columns of " + name + " including ts: " + key);
        }
    }

    /** Comma-separated column names, for SELECT, INSERT and COPY column lists. */
    public String columnList() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /** Writes a record (checked to be of this table's type) into a sink. */
    public void write(StoredRecord record, RowSink sink) throws SQLException {
        writer.write(type.cast(record), sink);
    }

    /** Writes a record's values in column order. */
    @FunctionalInterface
    public interface RowWriter<T> {
        void write(T record, RowSink sink) throws SQLException;
    }

    /** Reads a record from a row. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(RowSource row) throws SQLException;
    }
}
