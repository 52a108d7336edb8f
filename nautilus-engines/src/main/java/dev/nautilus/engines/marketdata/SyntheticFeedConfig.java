package dev.nautilus.engines.marketdata;

/**
 * Parameters of {@link SyntheticMarketFeed}. Volatilities are of log returns <em>per step</em>.
 *
 * @param seed              RNG seed; the same seed gives the same feed, trade for trade
 * @param instrumentCount   number of instruments, {@code >= 1}
 * @param sectorCount       number of sectors, in {@code [1, instrumentCount]}
 * @param startMicros       timestamp of the first step
 * @param stepMicros        time between steps, {@code > 0}
 * @param marketVol         σ of the market factor
 * @param sectorVol         σ of each sector factor
 * @param idiosyncraticVol  σ of each instrument's own noise
 * @param logSizeMean       μ of the log of trade size (lognormal sizes)
 * @param logSizeSd         σ of the log of trade size
 */
public record SyntheticFeedConfig(
        long seed,
        int instrumentCount,
        int sectorCount,
        long startMicros,
        long stepMicros,
        double marketVol,
        double sectorVol,
        double idiosyncraticVol,
        double logSizeMean,
        double logSizeSd) {

    public SyntheticFeedConfig {
        if (instrumentCount < 1) {
            throw new IllegalArgumentException("instrumentCount must be >= 1, was " + instrumentCount);
        }
        if (sectorCount < 1 || sectorCount > instrumentCount) {
            throw new IllegalArgumentException("sectorCount must be in [1, instrumentCount], was " + sectorCount);
        }
        if (stepMicros <= 0) {
            throw new IllegalArgumentException("stepMicros must be > 0, was " + stepMicros);
        }
        requireNonNegative("marketVol", marketVol);
        requireNonNegative("sectorVol", sectorVol);
        requireNonNegative("idiosyncraticVol", idiosyncraticVol);
        requireNonNegative("logSizeSd", logSizeSd);
        if (!Double.isFinite(logSizeMean)) {
            throw new IllegalArgumentException("logSizeMean must be finite, was " + logSizeMean);
        }
    }

    /**
     * Defaults resembling one-second steps of liquid equities: 1% daily market vol spread over
     * 23,400 seconds, sector and idiosyncratic noise of similar size, median trade of 100 shares.
     */
    public static SyntheticFeedConfig defaults(long seed, int instrumentCount, int sectorCount) {
        double perSecond = 0.01 / Math.sqrt(23_400);
        return new SyntheticFeedConfig(
                seed,
                instrumentCount,
                sectorCount,
                1_700_000_000_000_000L,
                1_000_000L,
                perSecond,
                0.7 * perSecond,
                perSecond,
                Math.log(100),
                1.0);
    }

    private static void requireNonNegative(String field, double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException(field + " must be finite and >= 0, was " + v);
        }
    }
}
