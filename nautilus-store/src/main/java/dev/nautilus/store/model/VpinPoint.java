package dev.nautilus.store.model;

import java.time.Instant;

/**
 * One point of a VPIN series: the value after a volume bucket closed.
 *
 * @param ts     time the bucket closed
 * @param symbol instrument
 * @param bucket bucket sequence number, increasing per symbol
 * @param vpin   VPIN in [0, 1]
 * @param cdf    empirical CDF of VPIN at this point, in [0, 1]
 */
public record VpinPoint(Instant ts, String symbol, long bucket, double vpin, double cdf) implements StoredRecord {

    public VpinPoint {
        ts = Require.time(ts, "ts");
        Require.text(symbol, "symbol");
        Require.nonNegative(bucket, "bucket");
        unit(vpin, "vpin");
        unit(cdf, "cdf");
    }

    private static void unit(double value, String field) {
        Require.finite(value, field);
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(field + " must be in [0, 1], was " + value);
        }
    }
}
