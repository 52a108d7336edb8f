package dev.nautilus.store.model;

import java.time.Instant;

/**
 * The return attributed to one factor over the period ending at {@code ts}.
 *
 * @param ts        end of the period
 * @param factor    factor name
 * @param value     the factor return, finite
 */
public record FactorReturn(Instant ts, String factor, double value) implements StoredRecord {

    public FactorReturn {
        ts = Require.time(ts, "ts");
        Require.text(factor, "factor");
        Require.finite(value, "value");
    }
}
