package dev.nautilus.engines.vpin;

/**
 * Enhanced VPIN after a completed bucket: both classifications over the same buckets.
 *
 * @param instrument      instrument symbol
 * @param bucketSequence  sequence of the completing bucket
 * @param timestampMicros time the bucket completed
 * @param bucketVolume    size of that bucket (adaptive)
 * @param vpinBvc         VPIN with bulk volume classification, [0, 1]
 * @param vpinTickRule    VPIN with tick-rule classification of each trade, [0, 1]
 * @param cdfBvc          empirical CDF of {@code vpinBvc}
 * @param cdfTickRule     empirical CDF of {@code vpinTickRule}
 * @param regime          toxicity regime from {@code cdfBvc}
 * @param regimeChanged   true when this bucket changed the regime
 */
public record EnhancedVpinEstimate(
        String instrument,
        long bucketSequence,
        long timestampMicros,
        double bucketVolume,
        double vpinBvc,
        double vpinTickRule,
        double cdfBvc,
        double cdfTickRule,
        ToxicityRegime regime,
        boolean regimeChanged) {}
