package dev.nautilus.engines.ml;

/**
 * A forecast of the direction of the next interval's close-to-close move, with the model's live
 * record so far ({@code ML_PREDICTION} on {@code ml.prediction.<instrument>}). Scores are out of
 * sample: each forecast was made before its outcome was known and before the model trained on it.
 * Values not available yet are {@code null} (JSON has no NaN).
 *
 * @param instrument            instrument
 * @param barEndMicros          end of the bar the forecast is made at; it is about the next bar
 * @param probabilityUp         model's probability that the next close is above this one
 * @param direction             {@code UP} when {@code probabilityUp > 0.5}, else {@code DOWN}
 * @param baselineProbabilityUp the naive baseline's probability: the frequency of up moves so far (Laplace-smoothed)
 * @param scored                forecasts scored so far (moves with an unchanged close have no direction and are not scored)
 * @param accuracy              model's hit rate so far
 * @param logLoss               model's mean log-loss so far
 * @param baselineAccuracy      baseline's hit rate so far
 * @param baselineLogLoss       baseline's mean log-loss so far
 * @param trained               examples the model has trained on
 */
public record MlPrediction(
        String instrument,
        long barEndMicros,
        double probabilityUp,
        String direction,
        double baselineProbabilityUp,
        long scored,
        Double accuracy,
        Double logLoss,
        Double baselineAccuracy,
        Double baselineLogLoss,
        long trained) {}
