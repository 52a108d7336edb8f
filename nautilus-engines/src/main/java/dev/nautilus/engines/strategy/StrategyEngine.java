package dev.nautilus.engines.strategy;

import dev.nautilus.bus.Json;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.host.StatefulEngine;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.ml.MlPrediction;
import dev.nautilus.engines.strategy.spi.BarInputs;
import dev.nautilus.engines.strategy.spi.Decision;
import dev.nautilus.engines.strategy.spi.StrategyInput;
import dev.nautilus.engines.strategy.spi.TradingStrategy;
import dev.nautilus.engines.topics.MarketDataTopics;
import dev.nautilus.engines.topics.MlTopics;
import dev.nautilus.engines.topics.StrategyTopics;
import dev.nautilus.engines.topics.VpinTopics;
import dev.nautilus.engines.vpin.VpinStatus;
import io.micrometer.core.instrument.Counter;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Strategy engine (8700): runs one traded {@link TradingStrategy} — by default the VPIN-filtered
 * moving-average cross named {@value #TRADED}, which stands aside while flow is toxic — and any
 * number of informational ones whose signals are published but not executed (by default an RSI
 * mean reversion). The traded strategy's target is published at every bar ({@code changed} says
 * whether it moved); an informational one's only when it moves.
 *
 * <p><b>Determinism across two buses.</b> Bars come on the MarketData bus, VPIN (and ML forecasts) on
 * the Engine Logic bus; which arrives first depends on thread timing. The engine therefore joins them
 * by bar: a bar is acted on only when the VPIN status for the same bar (same instrument and end time)
 * has also arrived — and, when a strategy declares {@link StrategyInput#ML_PREDICTION}, the forecast
 * for that bar or one for a later bar (proof that none comes for it: the ML engine skips its
 * warm-up). Each stream is in order, so decisions are the same whatever the interleaving.
 *
 * <p><b>State.</b> {@link #saveState} holds the traded targets, the join's waiting bars, statuses and
 * forecasts, and each strategy's {@link TradingStrategy#saveState}. A strategy that saves none
 * (a plug-in without the hook) is recorded as such and, after a restore, runs from its initial
 * state; the restore says so in the log.
 */
public final class StrategyEngine implements StatefulEngine {

    /** Name of the default traded strategy. */
    public static final String TRADED = "vpin_ma_cross";
    /** Name of the default informational RSI strategy. */
    public static final String RSI = "rsi_mean_reversion";

    private static final Logger LOG = LoggerFactory.getLogger(StrategyEngine.class);

    private final EngineWiring wiring;
    private final TradingStrategy traded;
    private final List<TradingStrategy> informational;
    private final boolean joinsForecasts;
    private final Map<String, BigDecimal> tradedTargets = new HashMap<>();
    private final Map<String, ArrayDeque<Bar>> bars = new HashMap<>();
    private final Map<String, ArrayDeque<VpinStatus>> statuses = new HashMap<>();
    private final Map<String, ArrayDeque<MlPrediction>> forecasts = new HashMap<>();
    private PatientPublisher endpoint;
    private Counter signals;

    /**
     * The platform's default: {@code maCross} filtered by VPIN traded, {@code rsi} for information.
     *
     * @param maCross the moving-average cross to filter by VPIN
     * @param rsi     the RSI mean reversion
     */
    public StrategyEngine(MovingAverageCrossStrategy maCross, RsiMeanReversionStrategy rsi) {
        this(new VpinMovingAverageCross(maCross), List.of(new PriceDrivenStrategy(rsi)));
    }

    /**
     * @param traded        the strategy whose targets the portfolio executes
     * @param informational strategies published for information, with names other than the traded one's
     */
    public StrategyEngine(TradingStrategy traded, List<TradingStrategy> informational) {
        this.traded = Objects.requireNonNull(traded, "traded");
        this.informational = List.copyOf(informational);
        if (this.informational.stream().anyMatch(s -> s.name().equals(traded.name()))) {
            throw new IllegalArgumentException(
                    "an informational strategy has the traded strategy's name " + traded.name());
        }
        this.joinsForecasts = Stream.concat(Stream.of(traded), this.informational.stream())
                .anyMatch(s -> s.inputs().contains(StrategyInput.ML_PREDICTION));
        EngineWiring row = EngineMatrix.of(EngineMatrix.STRATEGY);
        if (joinsForecasts) {
            Set<MessageType> types = EnumSet.copyOf(row.types());
            types.add(MessageType.ML_PREDICTION);
            row = new EngineWiring(
                    row.name(), row.displayName(), row.defaultPort(), row.subscriptions(), types, row.publications());
        }
        this.wiring = row;
    }

    /** The traded strategy's name: the portfolio executes the signals of this name. */
    public String tradedName() {
        return traded.name();
    }

    @Override
    public EngineWiring wiring() {
        return wiring;
    }

    @Override
    public void onStart(EngineContext context) {
        endpoint = context.publisher();
        signals = Counter.builder("nautilus.strategy.signals")
                .description("Signals the strategy emitted")
                .tag("engine", name())
                .register(context.meters());
    }

    @Override
    public void onMessage(Message message) {
        String topic = message.topic();
        if (MarketDataTopics.BARS.matches(topic)) {
            Bar bar = message.payloadAs(Bar.class);
            bars.computeIfAbsent(bar.instrument(), i -> new ArrayDeque<>()).add(bar);
            drain(bar.instrument());
        } else if (VpinTopics.isPlainCalculation(topic)) {
            VpinStatus status = message.payloadAs(VpinStatus.class);
            statuses.computeIfAbsent(status.instrument(), i -> new ArrayDeque<>())
                    .add(status);
            drain(status.instrument());
        } else if (joinsForecasts && MlTopics.PREDICTIONS.matches(topic)) {
            MlPrediction forecast = message.payloadAs(MlPrediction.class);
            forecasts
                    .computeIfAbsent(forecast.instrument(), i -> new ArrayDeque<>())
                    .add(forecast);
            drain(forecast.instrument());
        }
        // trades and enhanced VPIN are read (same streams) but not acted on
    }

    private void drain(String instrument) {
        ArrayDeque<Bar> b = bars.get(instrument);
        ArrayDeque<VpinStatus> v = statuses.get(instrument);
        while (b != null && v != null && !b.isEmpty() && !v.isEmpty()) {
            Bar bar = b.peek();
            VpinStatus status = v.peek();
            if (bar.endMicros() < status.barEndMicros()) {
                LOG.warn("bar without VPIN status instrument={} barEnd={}: skipped", instrument, bar.endMicros());
                b.poll();
            } else if (status.barEndMicros() < bar.endMicros()) {
                LOG.warn("VPIN status without bar instrument={} barEnd={}: skipped", instrument, status.barEndMicros());
                v.poll();
            } else if (!joinsForecasts) {
                decide(new BarInputs(b.poll(), v.poll(), null));
            } else {
                Optional<Optional<MlPrediction>> forecast = forecastFor(bar);
                if (forecast.isEmpty()) {
                    return; // not known yet whether this bar has a forecast
                }
                decide(new BarInputs(b.poll(), v.poll(), forecast.get().orElse(null)));
            }
        }
    }

    /** The bar's forecast (empty inside: it has none), or empty while that is not known yet. */
    private Optional<Optional<MlPrediction>> forecastFor(Bar bar) {
        ArrayDeque<MlPrediction> f = forecasts.get(bar.instrument());
        while (f != null && !f.isEmpty() && f.peek().barEndMicros() < bar.endMicros()) {
            f.poll(); // the forecast of a bar that was skipped
        }
        if (f == null || f.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(f.peek().barEndMicros() == bar.endMicros() ? Optional.of(f.poll()) : Optional.empty());
    }

    private void decide(BarInputs inputs) {
        Bar bar = inputs.bar();
        String instrument = bar.instrument();
        long at = bar.endMicros();
        boolean toxic = inputs.vpin().toxic();
        Optional<Decision> decision = traded.onBar(inputs);
        decision.ifPresent(d -> tradedTargets.put(instrument, d.target()));
        BigDecimal target = tradedTargets.getOrDefault(instrument, BigDecimal.ZERO);
        if (decision.isPresent()) {
            signals.increment();
            LOG.debug(
                    "signal strategy={} instrument={} target={} reason={}",
                    traded.name(),
                    instrument,
                    target,
                    decision.get().reason());
        }
        endpoint.publish(
                MessageType.STRATEGY_SIGNAL,
                StrategyTopics.signal(traded.name(), instrument),
                new StrategySignal(
                        traded.name(),
                        instrument,
                        at,
                        bar.close(),
                        target,
                        decision.isPresent(),
                        toxic,
                        decision.map(Decision::reason).orElse("")));
        for (TradingStrategy other : informational) {
            other.onBar(inputs)
                    .ifPresent(d -> endpoint.publish(
                            MessageType.STRATEGY_SIGNAL,
                            StrategyTopics.signal(other.name(), instrument),
                            new StrategySignal(
                                    other.name(), instrument, at, bar.close(), d.target(), true, toxic, d.reason())));
        }
    }

    /** The traded strategy's current target by instrument. */
    public Map<String, BigDecimal> tradedTargets() {
        return Map.copyOf(tradedTargets);
    }

    @Override
    public String saveState() {
        Map<String, String> targets = new TreeMap<>();
        tradedTargets.forEach((instrument, target) -> targets.put(instrument, target.toString()));
        Map<String, String> strategies = new LinkedHashMap<>();
        for (TradingStrategy s : strategies()) {
            strategies.put(s.name(), s.saveState().orElse(null));
        }
        return Json.write(new State(targets, waiting(bars), waiting(statuses), waiting(forecasts), strategies));
    }

    @Override
    public void restoreState(String text) {
        State state = Json.read(text, State.class);
        for (TradingStrategy s : strategies()) {
            String saved = state.strategies().get(s.name());
            if (saved != null) {
                s.restoreState(saved);
            } else {
                LOG.warn("strategy {} saved no state: it starts from its initial state", s.name());
            }
        }
        tradedTargets.clear();
        state.tradedTargets().forEach((instrument, target) -> tradedTargets.put(instrument, new BigDecimal(target)));
        restoreWaiting(bars, state.bars());
        restoreWaiting(statuses, state.statuses());
        restoreWaiting(forecasts, state.forecasts());
    }

    private List<TradingStrategy> strategies() {
        List<TradingStrategy> all = new ArrayList<>(informational.size() + 1);
        all.add(traded);
        all.addAll(informational);
        return all;
    }

    private static <T> Map<String, List<T>> waiting(Map<String, ArrayDeque<T>> queues) {
        Map<String, List<T>> waiting = new TreeMap<>();
        queues.forEach((instrument, queue) -> {
            if (!queue.isEmpty()) {
                waiting.put(instrument, List.copyOf(queue));
            }
        });
        return waiting;
    }

    private static <T> void restoreWaiting(Map<String, ArrayDeque<T>> queues, Map<String, List<T>> waiting) {
        queues.clear();
        waiting.forEach((instrument, items) -> queues.put(instrument, new ArrayDeque<>(items)));
    }

    /**
     * The traded targets (decimal text), the join's waiting inputs by instrument in arrival order,
     * and each strategy's state by name (null: it saves none).
     */
    record State(
            Map<String, String> tradedTargets,
            Map<String, List<Bar>> bars,
            Map<String, List<VpinStatus>> statuses,
            Map<String, List<MlPrediction>> forecasts,
            Map<String, String> strategies) {}
}
