package dev.nautilus.engines.vpin;

import dev.nautilus.bus.BusEndpoint;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.marketdata.Trade;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The VPIN engine (port 10000): one {@link VpinCalculator} per instrument fed by the hub's trades;
 * every completed estimate goes out as {@code vpin.calculation.<instrument>}, and a toxic one also
 * as a {@code HIGH} priority {@code toxicity.alert.<instrument>}.
 */
public final class VpinEngine implements Engine {

    private final Function<String, VpinConfig> configFor;
    private final Map<String, VpinCalculator> calculators = new HashMap<>();
    private BusEndpoint bus;

    /** @param configFor the VPIN parameters of an instrument (bucket volume depends on its liquidity) */
    public VpinEngine(Function<String, VpinConfig> configFor) {
        this.configFor = configFor;
    }

    @Override
    public String name() {
        return "vpin";
    }

    @Override
    public int defaultPort() {
        return 10000;
    }

    @Override
    public EngineWiring wiring() {
        return new EngineWiring(List.of("market_data.trade.*"), Set.of(MessageType.MARKET_DATA),
                List.of("vpin.calculation.*", "toxicity.alert.*"));
    }

    @Override
    public void onStart(BusEndpoint endpoint) {
        this.bus = endpoint;
    }

    @Override
    public void onMessage(Message message) {
        Trade trade = message.payloadAs(Trade.class);
        VpinCalculator calculator = calculators.computeIfAbsent(trade.instrument(),
                instrument -> new VpinCalculator(instrument, configFor.apply(instrument)));
        for (VpinEstimate estimate : calculator.onTrade(trade)) {
            bus.publish(MessageType.VPIN_CALCULATION, "vpin.calculation." + estimate.instrument(), estimate);
            if (estimate.toxic()) {
                bus.publish(MessageType.VPIN_CALCULATION, "toxicity.alert." + estimate.instrument(), estimate, Priority.HIGH);
            }
        }
    }
}
