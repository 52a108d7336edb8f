package dev.nautilus.bus;

import java.util.Locale;

/**
 * Delivery priority. A higher priority is handled before any backlog of lower ones, and
 * {@link #FLASH_CRASH} and {@link #URGENT} are never held in a publish buffer.
 */
public enum Priority {
    FLASH_CRASH,
    URGENT,
    HIGH,
    NORMAL,
    LOW;

    private static final Priority[] VALUES = values();

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** 0 for the most urgent ({@link #FLASH_CRASH}) up to 4 for {@link #LOW}. */
    public int rank() {
        return ordinal();
    }

    /** Whether a publisher must send this at once instead of buffering it. */
    public boolean flushesImmediately() {
        return this == FLASH_CRASH || this == URGENT;
    }

    /** Lower-case wire form, e.g. {@code flash_crash}. */
    public String wireName() {
        return wireName;
    }

    /** The priority of the given {@link #rank()}. */
    public static Priority ofRank(int rank) {
        return VALUES[rank];
    }

    /**
     * Parses the wire form (or constant name), case-insensitively.
     *
     * @throws IllegalArgumentException naming the unknown value
     */
    public static Priority fromWire(String value) {
        if (value != null) {
            for (Priority priority : VALUES) {
                if (priority.wireName.equalsIgnoreCase(value)) {
                    return priority;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown priority '" + value + "' (expected flash_crash, urgent, high, normal or low)");
    }
}
