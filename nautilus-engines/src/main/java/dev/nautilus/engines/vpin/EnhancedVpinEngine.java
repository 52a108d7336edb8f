package dev.nautilus.engines.vpin;

import dev.nautilus.bus.Json;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.host.StatefulEngine;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.topics.MarketDataTopics;
import dev.nautilus.engines.topics.VpinTopics;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Enhanced VPIN engine (10001): adaptive buckets, BVC and tick-rule VPIN side by side, toxicity
 * regimes. Publishes every estimate on {@code vpin.calculation.enhanced.<instrument>} and regime
 * changes on {@code toxicity.alert.enhanced.<instrument>} (priority HIGH).
 *
 * <p>Its state ({@link #saveState}) is every instrument's {@link EnhancedVpinCalculator.State}.
 */
public final class EnhancedVpinEngine implements StatefulEngine {

    private final EngineWiring wiring = EngineMatrix.of(EngineMatrix.ENHANCED_VPIN);
    private final Function<String, EnhancedVpinConfig> configs;
    private final Map<String, EnhancedVpinCalculator> calculators = new HashMap<>();
    private PatientPublisher endpoint;

    /** @param configs parameters per instrument */
    public EnhancedVpinEngine(Function<String, EnhancedVpinConfig> configs) {
        this.configs = configs;
    }

    @Override
    public EngineWiring wiring() {
        return wiring;
    }

    @Override
    public void onStart(EngineContext context) {
        endpoint = context.publisher();
    }

    @Override
    public void onMessage(Message message) {
        if (!MarketDataTopics.TRADES.matches(message.topic())) {
            return;
        }
        Trade trade = message.payloadAs(Trade.class);
        EnhancedVpinCalculator calculator =
                calculators.computeIfAbsent(trade.instrument(), i -> new EnhancedVpinCalculator(i, configs.apply(i)));
        for (EnhancedVpinEstimate estimate : calculator.onTrade(trade)) {
            endpoint.publish(
                    MessageType.VPIN_CALCULATION, VpinTopics.enhancedCalculation(trade.instrument()), estimate);
            if (estimate.regimeChanged()) {
                endpoint.publish(
                        MessageType.VPIN_CALCULATION,
                        VpinTopics.enhancedToxicityAlert(trade.instrument()),
                        estimate,
                        Priority.HIGH);
            }
        }
    }

    /** The current regime by instrument. */
    public Map<String, ToxicityRegime> regimes() {
        Map<String, ToxicityRegime> regimes = new TreeMap<>();
        calculators.forEach((instrument, calculator) -> regimes.put(instrument, calculator.regime()));
        return regimes;
    }

    @Override
    public String saveState() {
        Map<String, EnhancedVpinCalculator.State> states = new TreeMap<>();
        calculators.forEach((instrument, calculator) -> states.put(instrument, calculator.state()));
        return Json.write(new State(states));
    }

    @Override
    public void restoreState(String text) {
        State state = Json.read(text, State.class);
        calculators.clear();
        state.calculators().forEach((instrument, saved) -> {
            EnhancedVpinCalculator calculator = new EnhancedVpinCalculator(instrument, configs.apply(instrument));
            calculator.restore(saved);
            calculators.put(instrument, calculator);
        });
    }

    /** The calculators by instrument. */
    record State(Map<String, EnhancedVpinCalculator.State> calculators) {}
}
