package dev.nautilus.engines.features;

/**
 * Exponential moving average with {@code α = 2 / (period + 1)}, seeded with the simple average of
 * the first {@code period} values (the TA-Lib convention), then {@code ema = ema + α·(x - ema)}.
 * Not ready (NaN) before {@code period} values.
 */
public final class ExponentialMovingAverage {

    private final int period;
    private final double alpha;
    private int seen;
    private double seedSum;
    private double ema = Double.NaN;

    /** @param period smoothing period, {@code >= 1} */
    public ExponentialMovingAverage(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be >= 1, was " + period);
        }
        this.period = period;
        this.alpha = 2.0 / (period + 1);
    }

    /** Adds a value and returns the EMA, NaN until ready. */
    public double update(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("value must be finite, was " + x);
        }
        seen++;
        if (seen < period) {
            seedSum += x;
        } else if (seen == period) {
            ema = (seedSum + x) / period;
        } else {
            ema += alpha * (x - ema);
        }
        return ema;
    }

    /** Smoothing factor α. */
    public double alpha() {
        return alpha;
    }

    /** Current EMA, NaN until ready. */
    public double value() {
        return ema;
    }

    /** True once {@code period} values were seen. */
    public boolean isReady() {
        return seen >= period;
    }

    /** The values seen, the seed sum and the average, exact. */
    public State state() {
        return new State(seen, seedSum, ema);
    }

    /** Continues from {@code state}, as {@link #state} gave it. */
    public void restore(State state) {
        seen = state.seen();
        seedSum = state.seedSum();
        ema = state.ema();
    }

    /** Values seen, their sum while seeding, and the average (NaN until seeded). */
    public record State(int seen, double seedSum, double ema) {}
}
