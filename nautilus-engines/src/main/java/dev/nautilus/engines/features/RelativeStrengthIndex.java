package dev.nautilus.engines.features;

/**
 * Wilder's Relative Strength Index (J. Welles Wilder, <i>New Concepts in Technical Trading
 * Systems</i>, 1978).
 *
 * <p>With price changes {@code d_t}, gains {@code max(d,0)} and losses {@code max(-d,0)}: the first
 * average gain/loss is the simple mean over the first {@code period} changes; after that Wilder's
 * smoothing {@code avg = (avg·(period-1) + x) / period}. {@code RSI = 100 - 100/(1 + avgGain/avgLoss)}.
 * Conventions for the degenerate cases: {@code avgLoss = 0, avgGain > 0 → 100}; both zero (a flat
 * market) → 50, neutral. Ready after {@code period + 1} prices.
 */
public final class RelativeStrengthIndex {

    private final int period;
    private double previous = Double.NaN;
    private int changes;
    private double avgGain;
    private double avgLoss;

    /** @param period look-back in price changes, {@code >= 1} (Wilder used 14) */
    public RelativeStrengthIndex(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be >= 1, was " + period);
        }
        this.period = period;
    }

    /** Adds a price and returns the RSI in [0, 100], NaN until ready. */
    public double update(double price) {
        if (!Double.isFinite(price)) {
            throw new IllegalArgumentException("price must be finite, was " + price);
        }
        if (Double.isNaN(previous)) {
            previous = price;
            return Double.NaN;
        }
        double d = price - previous;
        previous = price;
        double gain = Math.max(d, 0);
        double loss = Math.max(-d, 0);
        changes++;
        if (changes <= period) {
            avgGain += gain / period;
            avgLoss += loss / period;
        } else {
            avgGain = (avgGain * (period - 1) + gain) / period;
            avgLoss = (avgLoss * (period - 1) + loss) / period;
        }
        return value();
    }

    /** Current RSI, NaN until ready. */
    public double value() {
        if (!isReady()) {
            return Double.NaN;
        }
        if (avgLoss == 0) {
            return avgGain == 0 ? 50.0 : 100.0;
        }
        return 100.0 - 100.0 / (1.0 + avgGain / avgLoss);
    }

    /** True once {@code period} price changes were seen. */
    public boolean isReady() {
        return changes >= period;
    }

    /** The previous price and Wilder's average gain and loss, exact. */
    public State state() {
        return new State(previous, changes, avgGain, avgLoss);
    }

    /** Continues from {@code state}, as {@link #state} gave it. */
    public void restore(State state) {
        previous = state.previous();
        changes = state.changes();
        avgGain = state.avgGain();
        avgLoss = state.avgLoss();
    }

    /** The previous price (NaN before the first), changes seen and the smoothed averages. */
    public record State(double previous, int changes, double avgGain, double avgLoss) {}
}
