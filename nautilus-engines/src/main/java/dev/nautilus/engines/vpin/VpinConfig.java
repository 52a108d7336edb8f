package dev.nautilus.engines.vpin;

/**
 * Parameters of {@link VpinCalculator}.
 *
 * @param bucketVolume        bucket size V in base units (the paper: average daily volume / 50)
 * @param windowBuckets       n, buckets in one VPIN value (the paper: 50)
 * @param barIntervalMicros   time-bar length for classification (the paper: one minute)
 * @param cdfHistory          past VPIN values kept for the empirical CDF
 * @param minHistoryForAlert  VPIN values needed in the history before an alert can fire; a CDF of a
 *                            handful of points says nothing (the first value always has CDF 1)
 * @param toxicityThreshold   alert when CDF(VPIN) ≥ this (default 0.9)
 */
public record VpinConfig(
        double bucketVolume,
        int windowBuckets,
        long barIntervalMicros,
        int cdfHistory,
        int minHistoryForAlert,
        double toxicityThreshold) {

    public VpinConfig {
        if (!Double.isFinite(bucketVolume) || bucketVolume <= 0) {
            throw new IllegalArgumentException("bucketVolume must be finite and > 0, was " + bucketVolume);
        }
        if (windowBuckets < 1) {
            throw new IllegalArgumentException("windowBuckets must be >= 1, was " + windowBuckets);
        }
        if (barIntervalMicros <= 0) {
            throw new IllegalArgumentException("barIntervalMicros must be > 0, was " + barIntervalMicros);
        }
        if (cdfHistory < 1 || minHistoryForAlert < 1 || minHistoryForAlert > cdfHistory) {
            throw new IllegalArgumentException(
                    "need 1 <= minHistoryForAlert <= cdfHistory, was " + minHistoryForAlert + ", " + cdfHistory);
        }
        if (!(toxicityThreshold > 0 && toxicityThreshold <= 1)) {
            throw new IllegalArgumentException("toxicityThreshold must be in (0, 1], was " + toxicityThreshold);
        }
    }

    /** The paper's choices: n = 50, one-minute bars; CDF over 5,000 values, alerts after 50, at 0.9. */
    public static VpinConfig paper(double bucketVolume) {
        return new VpinConfig(bucketVolume, 50, 60_000_000L, 5_000, 50, 0.9);
    }
}
