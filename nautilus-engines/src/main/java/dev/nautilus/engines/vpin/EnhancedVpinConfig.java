package dev.nautilus.engines.vpin;

import java.util.Objects;

/**
 * Parameters of {@link EnhancedVpinCalculator}.
 *
 * @param initialBucketVolume bucket size until the adaptive estimate exists
 * @param windowBuckets       n, buckets per VPIN value
 * @param barIntervalMicros   time-bar length for bulk classification
 * @param periodMicros        period over which volume is measured for the adaptive size (a day)
 * @param bucketsPerPeriod    target buckets per period (the paper: 50 a day)
 * @param ewmaAlpha           EWMA weight of the newest period's volume, in (0, 1]
 * @param cdfHistory          past VPIN values kept for each CDF
 * @param minHistoryForRegime values needed before the regime may leave NORMAL
 * @param thresholds          regime entry/exit levels on the BVC VPIN's CDF
 */
public record EnhancedVpinConfig(
        double initialBucketVolume,
        int windowBuckets,
        long barIntervalMicros,
        long periodMicros,
        int bucketsPerPeriod,
        double ewmaAlpha,
        int cdfHistory,
        int minHistoryForRegime,
        RegimeThresholds thresholds) {

    public EnhancedVpinConfig {
        Objects.requireNonNull(thresholds, "thresholds");
        if (windowBuckets < 1 || barIntervalMicros <= 0) {
            throw new IllegalArgumentException("windowBuckets must be >= 1 and barIntervalMicros > 0");
        }
        if (cdfHistory < 1 || minHistoryForRegime < 1 || minHistoryForRegime > cdfHistory) {
            throw new IllegalArgumentException(
                    "need 1 <= minHistoryForRegime <= cdfHistory, was " + minHistoryForRegime + ", " + cdfHistory);
        }
        // initialBucketVolume, periodMicros, bucketsPerPeriod and ewmaAlpha are checked by AdaptiveBucketSize.
        new AdaptiveBucketSize(initialBucketVolume, periodMicros, bucketsPerPeriod, ewmaAlpha);
    }

    /** Daily periods, 50 buckets a day, α = 0.3, one-minute bars, n = 50, default regimes. */
    public static EnhancedVpinConfig defaults(double initialBucketVolume) {
        return new EnhancedVpinConfig(
                initialBucketVolume, 50, 60_000_000L, 86_400_000_000L, 50, 0.3, 5_000, 50, RegimeThresholds.defaults());
    }
}
