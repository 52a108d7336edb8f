package dev.nautilus.engines.factor;

/**
 * One instrument's factor exposures at a rebalance: z-scores across the universe (winsorised, mean
 * 0, sample standard deviation 1) and the raw values they came from.
 *
 * @param symbol         instrument
 * @param sector         its sector
 * @param momentum       z-score of {@code rawMomentum}
 * @param volatility     z-score of {@code rawVolatility}
 * @param liquidity      z-score of {@code rawLiquidity}
 * @param size           z-score of {@code rawSize}
 * @param rawMomentum    {@code ln(close[t-skip] / close[t-lookback])}
 * @param rawVolatility  sample standard deviation of the last one-bar log returns
 * @param rawLiquidity   {@code ln} of the mean dollar volume (VWAP × volume) of the last bars
 * @param rawSize        {@code ln} of the market cap (shares × close)
 */
public record InstrumentExposure(
        String symbol,
        String sector,
        double momentum,
        double volatility,
        double liquidity,
        double size,
        double rawMomentum,
        double rawVolatility,
        double rawLiquidity,
        double rawSize) {}
