package dev.nautilus.engines.features;

import dev.nautilus.bus.BusEndpoint;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.marketdata.Trade;
import java.util.List;
import java.util.Set;

/**
 * The Features engine (port 8500): per instrument, on every trade, the {@link FeatureCalculator}'s
 * snapshot (returns, volatility, SMA/EMA, RSI, VWAP, flow imbalance) as
 * {@code feature.calculation.<instrument>}. Values not yet available travel as {@code "NaN"}.
 */
public final class FeaturesEngine implements Engine {

    private final FeatureCalculator calculator;
    private BusEndpoint bus;

    public FeaturesEngine(FeatureConfig config) {
        this.calculator = new FeatureCalculator(config);
    }

    @Override
    public String name() {
        return "features";
    }

    @Override
    public int defaultPort() {
        return 8500;
    }

    @Override
    public EngineWiring wiring() {
        return new EngineWiring(List.of("market_data.trade.*"), Set.of(MessageType.MARKET_DATA),
                List.of("feature.calculation.*"));
    }

    @Override
    public void onStart(BusEndpoint endpoint) {
        this.bus = endpoint;
    }

    @Override
    public void onMessage(Message message) {
        Trade trade = message.payloadAs(Trade.class);
        FeatureSnapshot snapshot = calculator.onTrade(trade);
        bus.publish(MessageType.FEATURE_CALCULATION, "feature.calculation." + trade.instrument(), snapshot);
    }
}
