package dev.nautilus.engines.vpin;

import dev.nautilus.bus.Json;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.KeyedStatefulEngine;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.topics.MarketDataTopics;
import dev.nautilus.engines.topics.VpinTopics;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VPIN engine (10000): bulk-volume-classified VPIN per instrument from the trades. Publishes a
 * {@link VpinStatus} per bar on {@code vpin.calculation.<instrument>}, and on {@code
 * toxicity.alert.<instrument>} (priority HIGH) each {@link VpinEstimate} at which toxicity turns on
 * or off.
 *
 * <p>Its state ({@link #saveState}) is every instrument's {@link VpinCalculator.State} and latest
 * estimate, so a restarted engine continues the same buckets, window and CDF history.
 */
public final class VpinEngine implements KeyedStatefulEngine {

    private static final Logger LOG = LoggerFactory.getLogger(VpinEngine.class);

    private final EngineWiring wiring = EngineMatrix.of(EngineMatrix.VPIN);
    private final Function<String, VpinConfig> configs;
    private final Map<String, VpinCalculator> calculators = new HashMap<>();
    private final Map<String, VpinEstimate> latest = new HashMap<>();
    private PatientPublisher endpoint;

    /** @param configs VPIN parameters per instrument (bucket volume depends on the instrument's liquidity) */
    public VpinEngine(Function<String, VpinConfig> configs) {
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
        if (MarketDataTopics.TRADES.matches(message.topic())) {
            Trade trade = message.payloadAs(Trade.class);
            VpinCalculator calculator =
                    calculators.computeIfAbsent(trade.instrument(), i -> new VpinCalculator(i, configs.apply(i)));
            for (VpinEstimate estimate : calculator.onTrade(trade)) {
                VpinEstimate previous = latest.put(trade.instrument(), estimate);
                boolean wasToxic = previous != null && previous.toxic();
                if (estimate.toxic() != wasToxic) {
                    LOG.info(
                            "toxicity instrument={} toxic={} vpin={} cdf={}",
                            estimate.instrument(),
                            estimate.toxic(),
                            estimate.vpin(),
                            estimate.cdf());
                    endpoint.publish(
                            MessageType.VPIN_CALCULATION,
                            VpinTopics.toxicityAlert(trade.instrument()),
                            estimate,
                            Priority.HIGH);
                }
            }
        } else if (MarketDataTopics.BARS.matches(message.topic())) {
            Bar bar = message.payloadAs(Bar.class);
            VpinEstimate e = latest.get(bar.instrument());
            VpinCalculator calculator = calculators.get(bar.instrument());
            endpoint.publish(
                    MessageType.VPIN_CALCULATION,
                    VpinTopics.calculation(bar.instrument()),
                    new VpinStatus(
                            bar.instrument(),
                            bar.endMicros(),
                            e == null ? null : e.vpin(),
                            e == null ? null : e.cdf(),
                            e != null && e.toxic(),
                            calculator == null ? 0 : calculator.completedBuckets()));
        }
    }

    /** The latest estimate by instrument (what the next alert and status compare with). */
    public Map<String, VpinEstimate> latestEstimates() {
        return Map.copyOf(latest);
    }

    @Override
    public String saveState() {
        return saveKeys(instrument -> true);
    }

    @Override
    public void restoreState(String text) {
        replaceKeys(instrument -> true, Optional.of(text));
    }

    @Override
    public String saveKeys(Predicate<String> instruments) {
        Map<String, VpinCalculator.State> states = new TreeMap<>();
        calculators.forEach((instrument, calculator) -> {
            if (instruments.test(instrument)) {
                states.put(instrument, calculator.state());
            }
        });
        Map<String, VpinEstimate> estimates = new TreeMap<>();
        latest.forEach((instrument, estimate) -> {
            if (instruments.test(instrument)) {
                estimates.put(instrument, estimate);
            }
        });
        return Json.write(new State(states, estimates));
    }

    @Override
    public void replaceKeys(Predicate<String> instruments, Optional<String> text) {
        Optional<State> state = text.map(t -> Json.read(t, State.class));
        calculators.keySet().removeIf(instruments);
        latest.keySet().removeIf(instruments);
        state.ifPresent(s -> {
            s.calculators().forEach((instrument, saved) -> {
                VpinCalculator calculator = new VpinCalculator(instrument, configs.apply(instrument));
                calculator.restore(saved);
                calculators.put(instrument, calculator);
            });
            latest.putAll(s.latest());
        });
    }

    /** The calculators and the latest estimate (whose toxicity the next alert compares with), by instrument. */
    record State(Map<String, VpinCalculator.State> calculators, Map<String, VpinEstimate> latest) {}
}
