package dev.nautilus.store.model;

import java.time.Instant;

/**
 * A strategy signal.
 *
 * @param ts        when the signal was emitted
 * @param id        unique id (the bus message id), the tie-breaker for keyset pagination
 * @param strategy  strategy name, e.g. {@code ma_cross}
 * @param symbol    instrument
 * @param direction -1 (sell), 0 (flat) or +1 (buy)
 * @param strength  confidence or size hint, finite
 */
public record SignalRow(Instant ts, String id, String strategy, String symbol, int direction, double strength)
        implements StoredRecord {

    public SignalRow {
        ts = Require.time(ts, "ts");
        Require.text(id, "id");
        Require.text(strategy, "strategy");
        Require.text(symbol, "symbol");
        if (direction < -1 || direction > 1) {
            throw new IllegalArgumentException("direction must be -1, 0 or 1, was " + direction);
        }
        Require.finite(strength, "strength");
    }
}
