package dev.nautilus.engines.factor;

import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.topics.FactorTopics;
import dev.nautilus.engines.universe.CrossSection;
import dev.nautilus.engines.universe.UniverseEngine;
import java.util.Objects;

/**
 * The Factor engine (8300): cross-sectional exposures of each universe's members to momentum,
 * volatility, liquidity and size at every rebalance, published as {@link FactorExposures} on
 * {@code factor.calculation.<universe>}. Its input is the hub's ordered market-data stream
 * (reference data, then bars), so its output is a function of that stream alone.
 */
public final class FactorEngine extends UniverseEngine<FactorExposureCalculator> {

    private final EngineWiring wiring = EngineMatrix.of(EngineMatrix.FACTOR);
    private final FactorConfig config;

    /** @param config look-backs and normalisation, the same for every universe */
    public FactorEngine(FactorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public EngineWiring wiring() {
        return wiring;
    }

    @Override
    protected FactorExposureCalculator newModel(String universe) {
        return new FactorExposureCalculator(config);
    }

    @Override
    protected void onCrossSection(
            FactorExposureCalculator calculator, CrossSection section, int universeSize, PatientPublisher publisher) {
        calculator
                .onCrossSection(section, universeSize)
                .ifPresent(exposures -> publisher.publish(
                        MessageType.FACTOR_CALCULATION, FactorTopics.calculation(exposures.universe()), exposures));
    }
}
