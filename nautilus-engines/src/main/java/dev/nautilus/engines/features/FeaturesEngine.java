package dev.nautilus.engines.features;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.topics.FeatureTopics;
import dev.nautilus.engines.topics.MarketDataTopics;
import java.util.HashMap;
import java.util.Map;

/**
 * The Features engine (8500): updates per-instrument features on every trade and publishes them once
 * per one-minute bar ({@code feature.calculation.<instrument>}); per-trade publication would multiply
 * Engine Logic traffic by the trade count for values nobody acts on between bars.
 */
public final class FeaturesEngine implements Engine {

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
}
