package dev.nautilus.engines.analytics;

import dev.nautilus.engines.stats.RunningMoments;

/**
 * Annualised Sharpe ratio of the period returns added so far: {@code mean(r) / stdev(r) · sqrt(N)},
 * risk-free rate 0, sample standard deviation (divisor n-1). O(1) per return (Welford).
 */
public final class SharpeRatio {

    private final RunningMoments moments = new RunningMoments();

    /** Adds a finite period return. */
    public void add(double periodReturn) {
        moments.add(periodReturn);
    }

    /** Returns added. */
    public long count() {
        return moments.count();
    }

    /** Mean period return; NaN when empty. */
    public double mean() {
        return moments.mean();
    }

    /** Sample standard deviation of the period returns; NaN with fewer than two. */
    public double standardDeviation() {
        return moments.sampleStdDev();
    }

    /**
     * The annualised ratio, or {@code null} when undefined (fewer than two returns, or zero deviation).
     *
     * @param periodsPerYear {@code N}
     */
    public Double annualised(double periodsPerYear) {
        double sd = standardDeviation();
        if (moments.count() < 2 || !(sd > 0)) {
            return null;
        }
        return mean() / sd * Math.sqrt(periodsPerYear);
    }
}
