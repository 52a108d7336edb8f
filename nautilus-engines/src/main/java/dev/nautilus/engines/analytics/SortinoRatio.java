package dev.nautilus.engines.analytics;

/**
 * Annualised Sortino ratio of the period returns added so far: {@code mean(r) / DD · sqrt(N)} with
 * target 0 and downside deviation {@code DD = sqrt(Σ min(r, 0)² / n)} over all n returns (the
 * Sortino &amp; Price definition; periods without a loss count as zero downside). O(1) per return.
 */
public final class SortinoRatio {

    private long count;
    private double sum;
    private double downsideSquares;

    /** Adds a finite period return. */
    public void add(double periodReturn) {
        if (!Double.isFinite(periodReturn)) {
            throw new IllegalArgumentException("period return must be finite, was " + periodReturn);
        }
        count++;
        sum += periodReturn;
        if (periodReturn < 0) {
            downsideSquares += periodReturn * periodReturn;
        }
    }

    /** Downside deviation; NaN when empty. */
    public double downsideDeviation() {
        return count == 0 ? Double.NaN : Math.sqrt(downsideSquares / count);
    }

    /**
     * The annualised ratio, or {@code null} when undefined (fewer than two returns, or no losing period).
     *
     * @param periodsPerYear {@code N}
     */
    public Double annualised(double periodsPerYear) {
        double dd = downsideDeviation();
        if (count < 2 || !(dd > 0)) {
            return null;
        }
        return sum / count / dd * Math.sqrt(periodsPerYear);
    }
}
