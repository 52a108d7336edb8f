package dev.nautilus.engines.features;

import dev.nautilus.bus.Json;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.host.StatefulEngine;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.topics.FeatureTopics;
import dev.nautilus.engines.topics.MarketDataTopics;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Features engine (8500): updates per-instrument features on every trade and publishes them once
 * per one-minute bar ({@code feature.calculation.<instrument>}); per-trade publication would multiply
 * Engine Logic traffic by the trade count for values nobody acts on between bars.
 *
 * <p>Its state ({@link #saveState}) is every instrument's {@link InstrumentFeatures.State} and latest
 * snapshot, so a restarted engine continues the same windows and averages.
 */
public final class FeaturesEngine implements StatefulEngine {

    private final EngineWiring wiring = EngineMatrix.of(EngineMatrix.FEATURES);
    private final FeatureCalculator calculator;
    private final Map<String, FeatureSnapshot> latest = new HashMap<>();
    private PatientPublisher endpoint;

    /** @param config feature windows */
    public FeaturesEngine(FeatureConfig config) {
        this.calculator = new FeatureCalculator(config);
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
        if (MarketDataTopics.TRADES.matches(message.topic())) {
            FeatureSnapshot snapshot = calculator.onTrade(message.payloadAs(Trade.class));
            latest.put(snapshot.instrument(), snapshot);
        } else if (MarketDataTopics.BARS.matches(message.topic())) {
            Bar bar = message.payloadAs(Bar.class);
            FeatureSnapshot snapshot = latest.get(bar.instrument());
            if (snapshot != null) {
                endpoint.publish(
                        MessageType.FEATURE_CALCULATION,
                        FeatureTopics.calculation(bar.instrument()),
                        FeatureUpdate.of(snapshot, bar.endMicros()));
            }
        }
    }

    /** The latest features by instrument (what the next bar publishes). */
    public Map<String, FeatureSnapshot> latestSnapshots() {
        return Map.copyOf(latest);
    }

    @Override
    public String saveState() {
        return Json.write(new State(calculator.state(), new TreeMap<>(latest)));
    }

    @Override
    public void restoreState(String text) {
        State state = Json.read(text, State.class);
        calculator.restore(state.features());
        latest.clear();
        latest.putAll(state.latest());
    }

    /** The features and the latest snapshot, by instrument. */
    record State(Map<String, InstrumentFeatures.State> features, Map<String, FeatureSnapshot> latest) {}
}
