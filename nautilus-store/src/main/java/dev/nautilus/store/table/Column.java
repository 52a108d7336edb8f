package dev.nautilus.store.table;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A column of a stored table. Names are fixed in code and checked against a strict pattern, so they
 * are safe to place in SQL text; no column name ever comes from user input.
 *
 * @param name SQL column name
 * @param type its type
 */
public record Column(String name, ColumnType type) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("name is not a plain SQL identifier: " + name);
        }
    }
}
