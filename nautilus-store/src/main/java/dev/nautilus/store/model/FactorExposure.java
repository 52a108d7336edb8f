package dev.nautilus.store.model;

import java.time.Instant;

/**
 * An instrument's exposure (z-scored loading) to one factor on one date.
 *
 * @param ts       as-of time
 * @param symbol   instrument
 * @param factor   factor name, e.g. {@code momentum}
 * @param exposure the exposure, finite
 */
public record FactorExposure(Instant ts, String symbol, String factor, double exposure) implements StoredRecord {

    public FactorExposure {
        ts = Require.time(ts, "ts");
        Require.text(symbol, "symbol");
        Require.text(factor, "factor");
        Require.finite(exposure, "exposure");
    }
}
