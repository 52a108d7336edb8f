package dev.nautilus.engines;

/** Plain two-pass statistics for tests, written apart from the code under test. */
public final class ReferenceStatistics {

    private ReferenceStatistics() {}

    /** {@code (x - mean) / sd} with the sample standard deviation (divisor n-1), by two passes. */
    public static double[] zScores(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (x.length - 1));
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (x[i] - mean) / sd;
        }
        return out;
    }
}
