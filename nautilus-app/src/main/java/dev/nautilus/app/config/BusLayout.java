package dev.nautilus.app.config;

import java.util.Locale;

/**
 * Where a process puts the two buses' streams ({@code bus.layout}).
 *
 * <ul>
 *   <li>{@link #DUAL}: each bus on its own Redis ({@code bus.marketdata_url}, {@code bus.engine_logic_url}).
 *   <li>{@link #SINGLE}: both buses on the main Redis ({@code bus.main_redis_url}), with the same
 *       stream keys ({@code <prefix>:marketdata:<type>}, {@code <prefix>:engine_logic:<type>}): the
 *       seeds' deployment before their migration, one Redis for everything.
 *   <li>{@link #MIGRATING}: whichever of the two the migration's record ({@code nautilus migrate})
 *       says for this process's engine, read at start; while a step moves the engine, the process
 *       waits. A supervisor can then restart an engine with the same command line at any time.
 * </ul>
 */
public enum BusLayout {
    DUAL,
    SINGLE,
    MIGRATING;

    /** Parses {@code dual}, {@code single} or {@code migrating}, case-insensitively. */
    public static BusLayout of(String value) {
        for (BusLayout layout : values()) {
            if (layout.name().equalsIgnoreCase(value.strip())) {
                return layout;
            }
        }
        throw new IllegalArgumentException("expected dual, single or migrating, was '" + value + "'");
    }

    /** The lower-case name. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
