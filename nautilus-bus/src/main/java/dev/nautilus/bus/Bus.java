package dev.nautilus.bus;

/**
 * The two buses of the dual-bus architecture. Market data is kept apart from engine-to-engine
 * business messages so that a burst of ticks never delays a risk alert, and each side can be tuned
 * (persistence, eviction) for what it carries.
 */
public enum Bus {
    /** Trades, quotes, bars, price updates and executions. Seed default: {@code redis://localhost:6380}. */
    MARKETDATA("marketdata", "MarketData"),
    /** Every other message: signals, risk, portfolio, health. Seed default: {@code redis://localhost:6381}. */
    ENGINE_LOGIC("engine_logic", "Engine Logic");

    private final String key;
    private final String displayName;

    Bus(String key, String displayName) {
        this.key = key;
        this.displayName = displayName;
    }

    /** Lower-case name used in stream keys and connection names, e.g. {@code engine_logic}. */
    public String key() {
        return key;
    }

    /** Human-readable name, e.g. {@code Engine Logic}. */
    public String displayName() {
        return displayName;
    }

    /** Parses {@link #key()} or the enum constant name, case-insensitively. */
    public static Bus fromKey(String key) {
        for (Bus bus : values()) {
            if (bus.key.equalsIgnoreCase(key) || bus.name().equalsIgnoreCase(key)) {
                return bus;
            }
        }
        throw new IllegalArgumentException("unknown bus '" + key + "' (expected marketdata or engine_logic)");
    }
}
