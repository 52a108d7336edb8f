package dev.nautilus.store.postgres;

import dev.nautilus.store.table.RowSink;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Encodes rows in PostgreSQL's COPY {@code text} format: tab between columns, newline after each
 * row, and backslash escapes for the characters that would otherwise break the framing (backslash,
 * tab, newline, carriage return). No value is ever null (records refuse nulls), so {@code \N} is
 * never written.
 */
final class CopyTextEncoder implements RowSink {

    private final StringBuilder out;
    private boolean firstColumn = true;

    CopyTextEncoder(StringBuilder out) {
        this.out = out;
    }

    /** Ends the current row. */
    void endRow() {
        out.append('\n');
        firstColumn = true;
    }

    private StringBuilder next() {
        if (!firstColumn) {
            out.append('\t');
        }
        firstColumn = false;
        return out;
    }

    @Override
    public void time(Instant value) {
        // ISO-8601 with 'Z' is accepted by timestamptz input; Instant prints exactly the stored micros.
        next().append(value);
    }

    @Override
    public void text(String value) {
        StringBuilder sb = next();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
    }

    @Override
    public void int32(int value) {
        next().append(value);
    }

    @Override
    public void int64(long value) {
        next().append(value);
    }

    @Override
    public void float64(double value) {
        // Java's shortest round-trip form (e.g. 1.0E-5) parses back to the same double in float8 input.
        next().append(value);
    }

    @Override
    public void decimal(BigDecimal value) {
        next().append(value.toPlainString());
    }
}
