package dev.nautilus.engines.toraniko;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.universe.CrossSection;
import dev.nautilus.engines.universe.UniverseFeed;
import io.micrometer.core.instrument.Counter;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Toraniko engine (8950): a multi-factor risk model per universe, in the manner of the
 * {@code toraniko} library ({@link ToranikoModel}). Every period it publishes the market, sector
 * and style factor returns with the assets' residuals ({@link FactorReturns} on
 * {@code factor.return.toraniko.<universe>}) and the rolling factor covariance
 * ({@link FactorCovarianceUpdate} on {@code factor.model.toraniko.<universe>}).
 */
public final class ToranikoEngine implements Engine {

    private final EngineWiring wiring = EngineMatrix.of(EngineMatrix.TORANIKO);
    private final ToranikoConfig config;
    private final UniverseFeed feed = new UniverseFeed();
    private final Map<String, ToranikoModel> models = new HashMap<>();
    private PatientPublisher publisher;
    private Counter periods;

    /** @param config model parameters, the same for every universe */
    public ToranikoEngine(ToranikoConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public EngineWiring wiring() {
        return wiring;
    }

    @Override
    public void onStart(EngineContext context) {
        publisher = context.publisher();
        periods = Counter.builder("nautilus.toraniko.periods").tag("engine", name()).register(context.meters());
    }

    @Override
    public void onMessage(Message message) {
        for (CrossSection section : feed.onMessage(message)) {
            ToranikoModel model = models.computeIfAbsent(section.universe(), u -> new ToranikoModel(u, config));
            model.onCrossSection(section).ifPresent(returns -> {
                publisher.publish(MessageType.FACTOR_CALCULATION, "factor.return.toraniko." + returns.universe(), returns);
                model.covarianceUpdate().ifPresent(cov ->
                        publisher.publish(MessageType.FACTOR_CALCULATION, "factor.model.toraniko." + cov.universe(), cov));
                periods.increment();
            });
        }
    }
}
