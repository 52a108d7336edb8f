package dev.nautilus.engines.features;

/**
 * Features of one instrument after one trade. Values not yet available are {@code NaN}.
 *
 * @param instrument        instrument symbol
 * @param timestampMicros   time of the trade that produced the snapshot
 * @param price             that trade's price
 * @param simpleReturn      {@code p_t/p_{t-1} - 1}
 * @param logReturn         {@code ln(p_t/p_{t-1})}
 * @param volatility        sample std of the last {@code volatilityWindow} log returns (per trade, not annualised)
 * @param sma               simple moving average of prices
 * @param ema               exponential moving average of prices
 * @param rsi               Wilder RSI in [0, 100]
 * @param vwap              cumulative VWAP
 * @param rollingVwap       VWAP over the time window
 * @param flowImbalance     signed/total volume over the time window, in [-1, 1]
 * @param signedVolume      signed volume over the time window
 */
public record FeatureSnapshot(
        String instrument,
        long timestampMicros,
        double price,
        double simpleReturn,
        double logReturn,
        double volatility,
        double sma,
        double ema,
        double rsi,
        double vwap,
        double rollingVwap,
        double flowImbalance,
        double signedVolume) {}
