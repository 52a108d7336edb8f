package dev.nautilus.engines.toraniko;

import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.topics.FactorTopics;
import dev.nautilus.engines.universe.CrossSection;
import dev.nautilus.engines.universe.UniverseEngine;
import java.util.Objects;

/**
 * The Toraniko engine (8950): a multi-factor risk model per universe, in the manner of the
 * {@code toraniko} library ({@link ToranikoModel}). Every period it publishes the market, sector
 * and style factor returns with the assets' residuals ({@link FactorReturns} on
 * {@code factor.return.toraniko.<universe>}) and the rolling factor covariance
 * ({@link FactorCovarianceUpdate} on {@code factor.model.toraniko.<universe>}).
 */
public final class ToranikoEngine extends UniverseEngine<ToranikoModel> {

    private final EngineWiring wiring = EngineMatrix.of(EngineMatrix.TORANIKO);
    private final ToranikoConfig config;

    /** @param config model parameters, the same for every universe */
    public ToranikoEngine(ToranikoConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public EngineWiring wiring() {
        return wiring;
    }

    @Override
    protected ToranikoModel newModel(String universe) {
        return new ToranikoModel(universe, config);
    }

    @Override
    protected void onCrossSection(
            ToranikoModel model, CrossSection section, int universeSize, PatientPublisher publisher) {
        model.onCrossSection(section).ifPresent(returns -> {
            publisher.publish(MessageType.FACTOR_CALCULATION, FactorTopics.toranikoReturn(returns.universe()), returns);
            model.covarianceUpdate()
                    .ifPresent(cov -> publisher.publish(
                            MessageType.FACTOR_CALCULATION, FactorTopics.toranikoModel(cov.universe()), cov));
        });
    }
}
