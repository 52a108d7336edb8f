package dev.nautilus.engines.ml;

import dev.nautilus.engines.stats.RunningMoments;

/**
 * Standardises each input by the mean and sample standard deviation of the inputs seen so far (an
 * expanding window), so SGD sees inputs of comparable scale. An input with no spread yet maps to 0.
 */
public final class OnlineStandardizer {

    private final RunningMoments[] moments;

    /** @param dimension number of inputs */
    public OnlineStandardizer(int dimension) {
        moments = new RunningMoments[dimension];
        for (int i = 0; i < dimension; i++) {
            moments[i] = new RunningMoments();
        }
    }

    /** Adds an observation to the moments. */
    public void add(double[] x) {
        requireDimension(x);
        for (int i = 0; i < x.length; i++) {
            moments[i].add(x[i]);
        }
    }

    /** {@code (x - mean) / sd} per input, by the moments so far. */
    public double[] transform(double[] x) {
        requireDimension(x);
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double sd = moments[i].sampleStdDev();
            z[i] = sd > 0 ? (x[i] - moments[i].mean()) / sd : 0.0;
        }
        return z;
    }

    private void requireDimension(double[] x) {
        if (x.length != moments.length) {
            throw new IllegalArgumentException("expected " + moments.length + " inputs, got " + x.length);
        }
    }
}
