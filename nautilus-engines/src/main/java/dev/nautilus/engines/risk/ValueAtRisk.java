package dev.nautilus.engines.risk;

import dev.nautilus.engines.stats.EmpiricalQuantile;
import dev.nautilus.engines.stats.NormalDistribution;

/**
 * Value-at-Risk and Expected Shortfall from a sample of returns (or P&amp;L): gains positive in the
 * input, losses positive in the output ({@code loss = -return}).
 *
 * <p><b>Historical.</b> VaR_α is the type-7 quantile (linear interpolation between order statistics,
 * see {@link EmpiricalQuantile}) of the losses at α. ES_α is the mean of the losses at or above
 * VaR_α — the tail beyond the interpolated quantile; with the VaR itself below the largest loss, at
 * least one loss is in it.
 *
 * <p><b>Parametric (normal).</b> With sample mean μ and sample standard deviation σ (divisor n-1)
 * of the returns: {@code VaR_α = -μ + σ·z_α}, {@code ES_α = -μ + σ·φ(z_α)/(1-α)}, where
 * {@code z_α = Φ⁻¹(α)} (1.6449 at 95%, 2.3263 at 99%) and φ the standard normal density.
 */
public final class ValueAtRisk {

    private ValueAtRisk() {}

    /** Historical VaR/ES at {@code confidence} in (0, 1); needs at least 2 finite observations. */
    public static RiskEstimate historical(double[] returns, double confidence) {
        requireSample(returns, confidence);
        double[] losses = new double[returns.length];
        for (int i = 0; i < returns.length; i++) {
            losses[i] = -returns[i];
        }
        return historicalOfSortedLosses(EmpiricalQuantile.sortedCopy(losses), returns.length, confidence);
    }

    /**
     * Historical VaR/ES at {@code confidence} from the first {@code length} losses of
     * {@code sortedLosses}, already ascending and finite (as a rolling window keeps them, see
     * {@link ReturnWindow}): the same figures as {@link #historical} of the returns, without a sort.
     */
    public static RiskEstimate historicalOfSortedLosses(double[] sortedLosses, int length, double confidence) {
        if (length < 2) {
            throw new IllegalArgumentException("returns must hold at least 2 observations");
        }
        requireConfidence(confidence);
        double var = EmpiricalQuantile.quantileOfSorted(sortedLosses, length, confidence);
        double sum = 0;
        int n = 0;
        for (int i = length - 1; i >= 0 && sortedLosses[i] >= var; i--) {
            sum += sortedLosses[i];
            n++;
        }
        return new RiskEstimate(VarMethod.HISTORICAL, confidence, var, sum / n, length);
    }

    /** Parametric normal VaR/ES at {@code confidence} from the sample's mean and standard deviation. */
    public static RiskEstimate parametric(double[] returns, double confidence) {
        requireSample(returns, confidence);
        double mean = 0;
        for (double r : returns) {
            mean += r;
        }
        mean /= returns.length;
        double ss = 0;
        for (double r : returns) {
            ss += (r - mean) * (r - mean);
        }
        double sd = Math.sqrt(ss / (returns.length - 1));
        return parametric(mean, sd, confidence, returns.length);
    }

    /** Parametric normal VaR/ES for a given mean and standard deviation of returns. */
    public static RiskEstimate parametric(double mean, double stdDev, double confidence, int sampleSize) {
        if (!Double.isFinite(mean) || !Double.isFinite(stdDev) || stdDev < 0) {
            throw new IllegalArgumentException(
                    "mean must be finite and stdDev finite and >= 0: " + mean + ", " + stdDev);
        }
        requireConfidence(confidence);
        double z = NormalDistribution.inverseCdf(confidence);
        double var = -mean + stdDev * z;
        double es = -mean + stdDev * NormalDistribution.pdf(z) / (1 - confidence);
        return new RiskEstimate(VarMethod.PARAMETRIC_NORMAL, confidence, var, es, sampleSize);
    }

    /** The four standard figures: historical and parametric at 95% and 99%. */
    public static VarReport report(double[] returns) {
        return new VarReport(
                historical(returns, 0.95),
                historical(returns, 0.99),
                parametric(returns, 0.95),
                parametric(returns, 0.99));
    }

    private static void requireSample(double[] returns, double confidence) {
        if (returns == null || returns.length < 2) {
            throw new IllegalArgumentException("returns must hold at least 2 observations");
        }
        for (int i = 0; i < returns.length; i++) {
            if (!Double.isFinite(returns[i])) {
                throw new IllegalArgumentException("returns[" + i + "] must be finite, was " + returns[i]);
            }
        }
        requireConfidence(confidence);
    }

    private static void requireConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
    }
}
