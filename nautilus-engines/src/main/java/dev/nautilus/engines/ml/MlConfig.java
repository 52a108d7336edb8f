package dev.nautilus.engines.ml;

/**
 * Parameters of the online direction model.
 *
 * @param learningRate SGD step size, {@code > 0}
 * @param l2           L2 penalty on the weights (not the bias), {@code >= 0}
 */
public record MlConfig(double learningRate, double l2) {

    public MlConfig {
        if (!(learningRate > 0) || Double.isInfinite(learningRate) || !(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException(
                    "learningRate must be finite and > 0, l2 finite and >= 0: " + learningRate + ", " + l2);
        }
    }

    /** Step 0.01, L2 1e-4: slow enough that one noisy minute does not swing the model. */
    public static MlConfig defaults() {
        return new MlConfig(0.01, 1e-4);
    }
}
