package dev.nautilus.engines.stats;

/**
 * Cross-sectional normalisation of one factor across a universe at one time, as the
 * {@code toraniko} library does it: symmetric winsorisation at type-7 percentiles (NumPy's
 * {@code nanpercentile} default, see {@link EmpiricalQuantile}) and centring and scaling by the mean
 * and the <em>sample</em> standard deviation (divisor n-1, as Polars' {@code std}).
 */
public final class CrossSectionalScores {

    private CrossSectionalScores() {}

    /**
     * Clips every value to the {@code [Q(p), Q(1-p)]} interval of the sample; a new array.
     *
     * @throws IllegalArgumentException on an empty sample, a non-finite value, or {@code p} outside [0, 0.5]
     */
    public static double[] winsorize(double[] values, double p) {
        if (!(p >= 0 && p <= 0.5)) {
            throw new IllegalArgumentException("winsorisation percentile must be in [0, 0.5], was " + p);
        }
        double[] sorted = EmpiricalQuantile.sortedCopy(values);
        double lower = EmpiricalQuantile.quantileOfSorted(sorted, p);
        double upper = EmpiricalQuantile.quantileOfSorted(sorted, 1 - p);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.min(upper, Math.max(lower, values[i]));
        }
        return out;
    }

    /**
     * {@code (x - mean) / sampleStd}; a new array. When every value is equal the spread is zero and
     * the scores are all zero: a factor on which nobody differs carries no exposure.
     *
     * @throws IllegalArgumentException with fewer than two values or a non-finite one
     */
    public static double[] centerAndScale(double[] values) {
        if (values.length < 2) {
            throw new IllegalArgumentException("need at least two values to standardise, got " + values.length);
        }
        RunningMoments moments = new RunningMoments();
        for (double v : values) {
            moments.add(v);
        }
        double mean = moments.mean();
        double sd = moments.sampleStdDev();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = sd > 0 ? (values[i] - mean) / sd : 0.0;
        }
        return out;
    }

    /** Winsorises at {@code p}, then centres and scales. */
    public static double[] winsorizedZScores(double[] values, double p) {
        return centerAndScale(winsorize(values, p));
    }
}
