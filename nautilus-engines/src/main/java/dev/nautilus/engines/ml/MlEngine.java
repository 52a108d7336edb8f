package dev.nautilus.engines.ml;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.features.FeatureUpdate;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.topics.FeatureTopics;
import dev.nautilus.engines.topics.MlTopics;
import io.micrometer.core.instrument.Counter;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The ML engine (8400): per instrument, an online logistic regression forecasting the direction of
 * the next bar's close from the Features engine's output ({@link DirectionPredictor}), published as
 * {@link MlPrediction} on {@code ml.prediction.<instrument>} with its live, out-of-sample accuracy
 * and log-loss beside a naive baseline's.
 */
public final class MlEngine implements Engine {

    private final EngineWiring wiring = EngineMatrix.of(EngineMatrix.ML);
    private final MlConfig config;
    private final Map<String, DirectionPredictor> predictors = new HashMap<>();
    private PatientPublisher publisher;
    private Counter predictions;

    /** @param config model parameters, the same for every instrument */
    public MlEngine(MlConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public EngineWiring wiring() {
        return wiring;
    }

    @Override
    public void onStart(EngineContext context) {
        publisher = context.publisher();
        predictions = Counter.builder("nautilus.ml.predictions")
                .description("Predictions the model made")
                .tag("engine", name())
                .register(context.meters());
    }

    @Override
    public void onMessage(Message message) {
        if (!FeatureTopics.CALCULATIONS.matches(message.topic())) {
            return;
        }
        FeatureUpdate update = message.payloadAs(FeatureUpdate.class);
        predictors
                .computeIfAbsent(update.instrument(), i -> new DirectionPredictor(i, config))
                .onFeatures(update)
                .ifPresent(p -> {
                    publisher.publish(MessageType.ML_PREDICTION, MlTopics.prediction(p.instrument()), p);
                    predictions.increment();
                });
    }
}
