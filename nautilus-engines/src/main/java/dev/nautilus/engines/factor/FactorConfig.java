package dev.nautilus.engines.factor;

/**
 * Look-backs of the cross-sectional factors, in bars of the instrument, and how they are normalised.
 *
 * @param momentumLookback   bars back to the start of the momentum window ("12" of 12-1)
 * @param momentumSkip       most recent bars left out of momentum ("1" of 12-1: short-term reversal is not momentum)
 * @param volatilityWindow   one-bar log returns in the volatility
 * @param liquidityWindow    bars whose dollar volume is averaged for liquidity
 * @param rebalanceEvery     exposures are computed every this many cross-sections
 * @param winsorPercentile   symmetric winsorisation percentile, e.g. 0.05 clips at the 5th and 95th
 */
public record FactorConfig(
        int momentumLookback,
        int momentumSkip,
        int volatilityWindow,
        int liquidityWindow,
        int rebalanceEvery,
        double winsorPercentile) {

    public FactorConfig {
        if (momentumSkip < 0 || momentumLookback <= momentumSkip) {
            throw new IllegalArgumentException(
                    "momentumLookback must be > momentumSkip >= 0: " + momentumLookback + ", " + momentumSkip);
        }
        if (volatilityWindow < 2 || liquidityWindow < 1 || rebalanceEvery < 1) {
            throw new IllegalArgumentException(
                    "volatilityWindow must be >= 2, liquidityWindow and rebalanceEvery >= 1: " + volatilityWindow + ", "
                            + liquidityWindow + ", " + rebalanceEvery);
        }
        if (!(winsorPercentile >= 0 && winsorPercentile < 0.5)) {
            throw new IllegalArgumentException("winsorPercentile must be in [0, 0.5), was " + winsorPercentile);
        }
    }

    /**
     * On one-minute bars: momentum over the last hour skipping the last five minutes (12-1 shape on
     * the horizon a replay has), 30-bar volatility and liquidity, a rebalance every 5 bars, 5% winsorisation.
     */
    public static FactorConfig defaults() {
        return new FactorConfig(60, 5, 30, 30, 5, 0.05);
    }

    /** Bars of history the factors need. */
    public int historyNeeded() {
        return Math.max(momentumLookback + 1, Math.max(volatilityWindow + 1, liquidityWindow));
    }
}
