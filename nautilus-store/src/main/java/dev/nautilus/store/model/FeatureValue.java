package dev.nautilus.store.model;

import java.time.Instant;

/**
 * One computed feature value (return, volatility, SMA, RSI, ...) of one instrument at one time.
 *
 * @param ts     time the value refers to
 * @param symbol instrument
 * @param name   feature name, e.g. {@code rsi_14}
 * @param value  the value, finite
 */
public record FeatureValue(Instant ts, String symbol, String name, double value) implements StoredRecord {

    public FeatureValue {
        ts = Require.time(ts, "ts");
        Require.text(symbol, "symbol");
        Require.text(name, "name");
        Require.finite(value, "value");
    }
}
