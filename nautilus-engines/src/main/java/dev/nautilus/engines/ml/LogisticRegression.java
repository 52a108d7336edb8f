package dev.nautilus.engines.ml;

/**
 * Logistic regression trained online by stochastic gradient descent: {@code P(up) = σ(b + w·z)};
 * after each labelled example {@code (z, y)} the log-loss gradient step
 * {@code w ← w - η((p - y) z + λ w)}, {@code b ← b - η (p - y)}.
 */
public final class LogisticRegression {

    private final MlConfig config;
    private final double[] weights;
    private double bias;
    private long trained;

    /**
     * @param dimension number of inputs
     * @param config    step size and penalty
     */
    public LogisticRegression(int dimension, MlConfig config) {
        this.weights = new double[dimension];
        this.config = config;
    }

    /** Probability of the positive class for standardised inputs {@code z}. */
    public double probability(double[] z) {
        double score = bias;
        for (int i = 0; i < weights.length; i++) {
            score += weights[i] * z[i];
        }
        return 1.0 / (1.0 + Math.exp(-score));
    }

    /** One SGD step on a labelled example; {@code positive} is the realised class. */
    public void train(double[] z, boolean positive) {
        double error = probability(z) - (positive ? 1 : 0);
        for (int i = 0; i < weights.length; i++) {
            weights[i] -= config.learningRate() * (error * z[i] + config.l2() * weights[i]);
        }
        bias -= config.learningRate() * error;
        trained++;
    }

    /** Examples trained on. */
    public long trained() {
        return trained;
    }
}
