package dev.nautilus.engines.stats;

import java.util.Arrays;

/**
 * Quantiles of a sample by linear interpolation between order statistics, the "type 7" definition
 * of Hyndman &amp; Fan (1996) — the default of R's {@code quantile}, NumPy's {@code percentile} and
 * Excel's {@code PERCENTILE.INC}: with the sample sorted ascending as {@code x[0..n-1]},
 * {@code h = (n-1)·p}, {@code Q(p) = x[⌊h⌋] + (h-⌊h⌋)·(x[⌊h⌋+1] - x[⌊h⌋])}.
 */
public final class EmpiricalQuantile {

    private EmpiricalQuantile() {}

    /**
     * Type-7 quantile of {@code sample} at probability {@code p}; the array is not modified.
     *
     * @throws IllegalArgumentException if the sample is empty, holds a non-finite value, or
     *                                  {@code p} is outside [0, 1]
     */
    public static double quantile(double[] sample, double p) {
        return quantileOfSorted(sortedCopy(sample), p);
    }

    /** Type-7 quantile of an already ascending-sorted sample. */
    public static double quantileOfSorted(double[] sorted, double p) {
        return quantileOfSorted(sorted, sorted.length, p);
    }

    /** Type-7 quantile of the first {@code length} values of {@code sorted}, already ascending. */
    public static double quantileOfSorted(double[] sorted, int length, double p) {
        if (length <= 0 || length > sorted.length) {
            throw new IllegalArgumentException("sample must not be empty");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], was " + p);
        }
        double h = (length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= length - 1) {
            return sorted[length - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /** A sorted copy, after checking every value is finite. */
    public static double[] sortedCopy(double[] sample) {
        for (int i = 0; i < sample.length; i++) {
            if (!Double.isFinite(sample[i])) {
                throw new IllegalArgumentException("sample[" + i + "] must be finite, was " + sample[i]);
            }
        }
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
