package dev.nautilus.app.migration;

import java.util.Locale;

/** Where an engine's streams are: both buses on the main Redis, or each bus on its own Redis. */
public enum Layout {
    /** Both buses' streams on the main Redis (the seeds' deployment before the migration). */
    SINGLE,
    /** The MarketData and Engine Logic buses on their own Redis servers. */
    DUAL;

    /** The lower-case name used in configuration and in the migration record. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The other layout. */
    public Layout other() {
        return this == SINGLE ? DUAL : SINGLE;
    }

    /** Parses {@link #key()}, case-insensitively. */
    public static Layout of(String value) {
        for (Layout layout : values()) {
            if (layout.key().equalsIgnoreCase(value)) {
                return layout;
            }
        }
        throw new IllegalArgumentException("unknown bus layout '" + value + "' (expected single or dual)");
    }
}
