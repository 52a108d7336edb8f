package dev.nautilus.engines.vpin;

/**
 * VPIN after a completed bucket.
 *
 * @param instrument      instrument symbol
 * @param bucketSequence  sequence of the bucket that completed the estimate
 * @param timestampMicros time the bucket completed
 * @param vpin            VPIN in [0, 1] over the last n buckets
 * @param cdf             empirical CDF of this VPIN among past values (this one included), in (0, 1]
 * @param toxic           {@code cdf ≥ threshold} with enough history
 */
public record VpinEstimate(
        String instrument, long bucketSequence, long timestampMicros, double vpin, double cdf, boolean toxic) {}
