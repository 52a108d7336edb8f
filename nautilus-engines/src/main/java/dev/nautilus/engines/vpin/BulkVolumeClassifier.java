package dev.nautilus.engines.vpin;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.stats.NormalDistribution;
import dev.nautilus.engines.stats.RunningMoments;

/**
 * Bulk volume classification of time bars: the buy fraction of a bar is {@code Φ(ΔP/σ_ΔP)}, ΔP the
 * change from the previous bar's close to this bar's close.
 *
 * <p>σ_ΔP: the paper uses the standard deviation of bar-to-bar price changes over its whole sample,
 * which looks ahead. Online we use the <em>expanding</em> sample standard deviation of all changes
 * seen so far, including the current bar's — no look-ahead, and it converges to the paper's figure.
 * Until two changes exist the fraction is {@code Φ(0) = 0.5}. When σ = 0 every change so far was
 * the same: the fraction is then the limit of {@code Φ(ΔP/σ)} as σ → 0⁺ — 1 for a rise, 0 for a
 * fall, 0.5 for no change — so a steady one-way drift reads as one-sided flow, not as balance.
 * The first bar has no previous close: fraction 0.5 and no σ sample. Bars are consecutive
 * non-empty intervals, so across a gap ΔP is the change since the last bar that traded.
 */
public final class BulkVolumeClassifier {

    private final RunningMoments priceChanges = new RunningMoments();
    private double previousClose = Double.NaN;

    /** Buy fraction of {@code bar} in [0, 1]. */
    public double buyFraction(Bar bar) {
        if (Double.isNaN(previousClose)) {
            previousClose = bar.close();
            return 0.5;
        }
        double dp = bar.close() - previousClose;
        previousClose = bar.close();
        priceChanges.add(dp);
        if (priceChanges.count() < 2) {
            return 0.5;
        }
        double sigma = priceChanges.sampleStdDev();
        if (sigma == 0) {
            return dp > 0 ? 1.0 : dp < 0 ? 0.0 : 0.5;
        }
        return NormalDistribution.cdf(dp / sigma);
    }

    /** The previous close (null before the first bar) and the moments of the changes, exact. */
    public State state() {
        return new State(Double.isNaN(previousClose) ? null : previousClose, priceChanges.state());
    }

    /** Continues from {@code state}, as {@link #state} gave it. */
    public void restore(State state) {
        previousClose = state.previousClose() == null ? Double.NaN : state.previousClose();
        priceChanges.restore(state.priceChanges());
    }

    /** What the next bar's classification depends on. */
    public record State(Double previousClose, RunningMoments.State priceChanges) {}

    /** Current σ_ΔP estimate; NaN before two changes. */
    public double priceChangeStdDev() {
        return priceChanges.sampleStdDev();
    }
}
