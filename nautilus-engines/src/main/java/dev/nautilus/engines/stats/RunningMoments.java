package dev.nautilus.engines.stats;

/**
 * Mean and sample variance of every value added so far (an expanding window), by Welford's
 * algorithm — numerically stable, O(1) per value, no stored history.
 */
public final class RunningMoments {

    private long count;
    private double mean;
    private double m2;

    /** Adds a finite value. */
    public void add(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("value must be finite, was " + x);
        }
        count++;
        double d = x - mean;
        mean += d / count;
        m2 += d * (x - mean);
    }

    /** Values added. */
    public long count() {
        return count;
    }

    /** Mean; NaN when empty. */
    public double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /** Sample variance (divisor n-1); NaN with fewer than two values. */
    public double sampleVariance() {
        return count < 2 ? Double.NaN : m2 / (count - 1);
    }

    /** The sums so far, exact (see {@link #restore}). */
    public State state() {
        return new State(count, mean, m2);
    }

    /** Continues from {@code state}, as if the values behind it had been added here. */
    public void restore(State state) {
        if (state.count() < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + state.count());
        }
        count = state.count();
        mean = state.mean();
        m2 = state.m2();
    }

    /** Welford's running count, mean and sum of squared deviations. */
    public record State(long count, double mean, double m2) {}

    /** Sample standard deviation; NaN with fewer than two values. */
    public double sampleStdDev() {
        return Math.sqrt(sampleVariance());
    }
}
