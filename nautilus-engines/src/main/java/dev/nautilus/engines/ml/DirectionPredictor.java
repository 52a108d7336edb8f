package dev.nautilus.engines.ml;

import dev.nautilus.engines.features.FeatureUpdate;
import java.util.Objects;
import java.util.Optional;

/**
 * Online next-interval direction forecasts for one instrument, never trained on the future.
 *
 * <p>At each bar close {@code t}: first the forecast made at {@code t-1} meets its outcome (close
 * {@code t} above close {@code t-1}?): it is scored, with the baseline's, and only then does the model
 * train on that example and the baseline count it. Then the inputs of {@code t} (known at {@code t})
 * update the standardiser and the model forecasts {@code t+1}. So every forecast uses labels up to
 * {@code t} only, and every score is of a forecast made before its label existed. An unchanged close
 * has no direction: that example is neither scored nor trained on. Not thread-safe.
 */
public final class DirectionPredictor {

    private record Pending(double price, double[] z, double probability, double baseline) {}

    private final String instrument;
    private final OnlineStandardizer standardizer = new OnlineStandardizer(FeatureVector.NAMES.size());
    private final LogisticRegression model;
    private final LiveScore modelScore = new LiveScore();
    private final LiveScore baselineScore = new LiveScore();
    private long ups;
    private long labelled;
    private Pending pending;

    /**
     * @param instrument the instrument forecast
     * @param config     model parameters
     */
    public DirectionPredictor(String instrument, MlConfig config) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.model = new LogisticRegression(FeatureVector.NAMES.size(), config);
    }

    /**
     * Takes the features at a bar close: settles the previous forecast, then forecasts the next move
     * (empty while some feature is not available yet).
     *
     * @throws IllegalArgumentException for another instrument's features
     */
    public Optional<MlPrediction> onFeatures(FeatureUpdate update) {
        if (!instrument.equals(update.instrument())) {
            throw new IllegalArgumentException(
                    "features of " + update.instrument() + " given to the predictor of " + instrument);
        }
        if (pending != null && update.price() != pending.price()) {
            boolean up = update.price() > pending.price();
            modelScore.record(pending.probability(), up);
            baselineScore.record(pending.baseline(), up);
            model.train(pending.z(), up);
            ups += up ? 1 : 0;
            labelled++;
        }
        pending = null;
        Optional<double[]> inputs = FeatureVector.of(update);
        if (inputs.isEmpty()) {
            return Optional.empty();
        }
        standardizer.add(inputs.get());
        double[] z = standardizer.transform(inputs.get());
        double p = model.probability(z);
        double baseline = (ups + 1.0) / (labelled + 2.0);
        pending = new Pending(update.price(), z, p, baseline);
        return Optional.of(new MlPrediction(
                instrument,
                update.barEndMicros(),
                p,
                p > 0.5 ? "UP" : "DOWN",
                baseline,
                modelScore.count(),
                orNull(modelScore.accuracy()),
                orNull(modelScore.logLoss()),
                orNull(baselineScore.accuracy()),
                orNull(baselineScore.logLoss()),
                model.trained()));
    }

    private static Double orNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
