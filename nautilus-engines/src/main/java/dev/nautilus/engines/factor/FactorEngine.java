package dev.nautilus.engines.factor;

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
 * The Factor engine (8300): cross-sectional exposures of each universe's members to momentum,
 * volatility, liquidity and size at every rebalance, published as {@link FactorExposures} on
 * {@code factor.calculation.<universe>}. Its input is the hub's ordered market-data stream
 * (reference data, then bars), so its output is a function of that stream alone.
 */
public final class FactorEngine implements Engine {

    private final EngineWiring wiring = EngineMatrix.of(EngineMatrix.FACTOR);
    private final FactorConfig config;
    private final UniverseFeed feed = new UniverseFeed();
    private final Map<String, FactorExposureCalculator> calculators = new HashMap<>();
    private PatientPublisher publisher;
    private Counter rebalances;

    /** @param config look-backs and normalisation, the same for every universe */
    public FactorEngine(FactorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public EngineWiring wiring() {
        return wiring;
    }

    @Override
    public void onStart(EngineContext context) {
        publisher = context.publisher();
        rebalances = Counter.builder("nautilus.factor.rebalances").tag("engine", name()).register(context.meters());
    }

    @Override
    public void onMessage(Message message) {
        for (CrossSection section : feed.onMessage(message)) {
            calculators.computeIfAbsent(section.universe(), u -> new FactorExposureCalculator(config))
                    .onCrossSection(section, feed.memberCount(section.universe()))
                    .ifPresent(exposures -> {
                        publisher.publish(MessageType.FACTOR_CALCULATION, "factor.calculation." + exposures.universe(), exposures);
                        rebalances.increment();
                    });
        }
    }
}
