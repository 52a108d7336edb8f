package dev.nautilus.engines.features;

/**
 * Window lengths of the per-instrument features.
 *
 * @param volatilityWindow  log returns in the rolling volatility, {@code >= 2}
 * @param smaPeriod         prices in the SMA, {@code >= 2}
 * @param emaPeriod         EMA period, {@code >= 1}
 * @param rsiPeriod         RSI period, {@code >= 1}
 * @param vwapWindowMicros  rolling VWAP window
 * @param flowWindowMicros  trade-flow imbalance window
 */
public record FeatureConfig(
        int volatilityWindow,
        int smaPeriod,
        int emaPeriod,
        int rsiPeriod,
        long vwapWindowMicros,
        long flowWindowMicros) {

    public FeatureConfig {
        if (volatilityWindow < 2 || smaPeriod < 2 || emaPeriod < 1 || rsiPeriod < 1) {
            throw new IllegalArgumentException(
                    "volatilityWindow and smaPeriod must be >= 2, emaPeriod and rsiPeriod >= 1: " + volatilityWindow
                            + ", " + smaPeriod + ", " + emaPeriod + ", " + rsiPeriod);
        }
        if (vwapWindowMicros <= 0 || flowWindowMicros <= 0) {
            throw new IllegalArgumentException("vwapWindowMicros and flowWindowMicros must be > 0");
        }
    }

    /** 20-trade volatility and SMA, 20-period EMA, RSI(14), 5-minute VWAP and flow windows. */
    public static FeatureConfig defaults() {
        return new FeatureConfig(20, 20, 20, 14, 300_000_000L, 300_000_000L);
    }
}
