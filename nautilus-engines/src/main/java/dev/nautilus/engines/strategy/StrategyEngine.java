package dev.nautilus.engines.strategy;

import dev.nautilus.bus.Causation;
import dev.nautilus.bus.Json;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Replay;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.KeyedStatefulEngine;
import dev.nautilus.engines.host.PatientPublisher;
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
import java.util.function.Function;
import java.util.function.Predicate;
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
 * <p><b>Scaled out over partitions.</b> An instance holds partition {@code n} of both buses as one;
 * when it takes one over, what its previous owner handled is replayed and what it had but never
 * acknowledged comes new, so a bar may come new while the VPIN status for it is replayed (the
 * previous owner had the status and waited for the bar). A decision is therefore published when
 * any of its inputs came new to this instance, even if a replayed message completes it (no earlier
 * owner had all its inputs, so none published it), and its signals get ids derived from the bar's
 * message id, so that a decision published by two instances is one effect downstream.
 *
 * <p><b>State.</b> {@link #saveState} holds the traded targets, the join's waiting bars, statuses and
 * forecasts, and each strategy's {@link TradingStrategy#saveState}. A strategy that saves none
 * (a plug-in without the hook) is recorded as such and, after a restore, runs from its initial
 * state; the restore says so in the log. Every state is per instrument, so when every strategy saves
 * its state per instrument ({@link TradingStrategy#saveInstruments}, as the built-in ones do) the
 * engine checkpoints each partition's instruments apart ({@link KeyedStatefulEngine}).
 */
public final class StrategyEngine implements KeyedStatefulEngine {

    /** Name of the default traded strategy. */
    public static final String TRADED = "vpin_ma_cross";
    /** Name of the default informational RSI strategy. */
    public static final String RSI = "rsi_mean_reversion";

    private static final Logger LOG = LoggerFactory.getLogger(StrategyEngine.class);

    private final EngineWiring wiring;
    private final TradingStrategy traded;
    private final List<TradingStrategy> informational;
    private final boolean joinsForecasts;
    private final boolean perInstrument;
    private final Map<String, BigDecimal> tradedTargets = new HashMap<>();
    private final Map<String, ArrayDeque<Waiting<Bar>>> bars = new HashMap<>();
    private final Map<String, ArrayDeque<Waiting<VpinStatus>>> statuses = new HashMap<>();
    private final Map<String, ArrayDeque<Waiting<MlPrediction>>> forecasts = new HashMap<>();
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
        this.perInstrument = strategies().stream()
                .allMatch(s -> s.saveInstruments(instrument -> false).isPresent());
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

    /**
     * An input waiting for the others of its bar: its message id, and whether it came new to this
     * instance (not replayed, nor restored: the owner it was restored from published what it
     * completed after the snapshot, and an input that comes new completes the rest).
     */
    private record Waiting<T>(T input, String id, boolean fresh) {}

    @Override
    public void onMessage(Message message) {
        String topic = message.topic();
        boolean fresh = !Replay.active();
        if (MarketDataTopics.BARS.matches(topic)) {
            Bar bar = message.payloadAs(Bar.class);
            bars.computeIfAbsent(bar.instrument(), i -> new ArrayDeque<>())
                    .add(new Waiting<>(bar, message.id(), fresh));
            drain(bar.instrument());
        } else if (VpinTopics.isPlainCalculation(topic)) {
            VpinStatus status = message.payloadAs(VpinStatus.class);
            statuses.computeIfAbsent(status.instrument(), i -> new ArrayDeque<>())
                    .add(new Waiting<>(status, message.id(), fresh));
            drain(status.instrument());
        } else if (joinsForecasts && MlTopics.PREDICTIONS.matches(topic)) {
            MlPrediction forecast = message.payloadAs(MlPrediction.class);
            forecasts
                    .computeIfAbsent(forecast.instrument(), i -> new ArrayDeque<>())
                    .add(new Waiting<>(forecast, message.id(), fresh));
            drain(forecast.instrument());
        }
        // trades and enhanced VPIN are read (same streams) but not acted on
    }

    private void drain(String instrument) {
        ArrayDeque<Waiting<Bar>> b = bars.get(instrument);
        ArrayDeque<Waiting<VpinStatus>> v = statuses.get(instrument);
        while (b != null && v != null && !b.isEmpty() && !v.isEmpty()) {
            Bar bar = b.peek().input();
            VpinStatus status = v.peek().input();
            if (bar.endMicros() < status.barEndMicros()) {
                LOG.warn("bar without VPIN status instrument={} barEnd={}: skipped", instrument, bar.endMicros());
                b.poll();
            } else if (status.barEndMicros() < bar.endMicros()) {
                LOG.warn("VPIN status without bar instrument={} barEnd={}: skipped", instrument, status.barEndMicros());
                v.poll();
            } else if (!joinsForecasts) {
                decide(b.poll(), v.poll(), Optional.empty());
            } else {
                Optional<Optional<Waiting<MlPrediction>>> forecast = forecastFor(bar);
                if (forecast.isEmpty()) {
                    return; // not known yet whether this bar has a forecast
                }
                decide(b.poll(), v.poll(), forecast.get());
            }
        }
    }

    /** The bar's forecast (empty inside: it has none), or empty while that is not known yet. */
    private Optional<Optional<Waiting<MlPrediction>>> forecastFor(Bar bar) {
        ArrayDeque<Waiting<MlPrediction>> f = forecasts.get(bar.instrument());
        while (f != null && !f.isEmpty() && f.peek().input().barEndMicros() < bar.endMicros()) {
            f.poll(); // the forecast of a bar that was skipped
        }
        if (f == null || f.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                f.peek().input().barEndMicros() == bar.endMicros() ? Optional.of(f.poll()) : Optional.empty());
    }

    /**
     * Decides the bar under ids derived from the bar's message, sending its signals even while a
     * replay completes it when one of its inputs came new here (see the class comment).
     */
    private void decide(Waiting<Bar> bar, Waiting<VpinStatus> status, Optional<Waiting<MlPrediction>> forecast) {
        BarInputs inputs = new BarInputs(
                bar.input(), status.input(), forecast.map(Waiting::input).orElse(null));
        boolean owed =
                bar.fresh() || status.fresh() || forecast.map(Waiting::fresh).orElse(false);
        Runnable deciding = () -> Causation.run(name(), bar.id(), () -> decide(inputs));
        if (owed) {
            Replay.asNew(deciding);
        } else {
            deciding.run();
        }
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
        Map<String, String> strategies = new LinkedHashMap<>();
        for (TradingStrategy s : strategies()) {
            strategies.put(s.name(), s.saveState().orElse(null));
        }
        return Json.write(state(instrument -> true, strategies));
    }

    @Override
    public boolean keepsStatePerKey() {
        return perInstrument;
    }

    @Override
    public String saveKeys(Predicate<String> instruments) {
        Map<String, String> strategies = new LinkedHashMap<>();
        for (TradingStrategy s : strategies()) {
            strategies.put(
                    s.name(),
                    s.saveInstruments(instruments)
                            .orElseThrow(() -> new IllegalStateException(
                                    "strategy " + s.name() + " saves no state per instrument")));
        }
        return Json.write(state(instruments, strategies));
    }

    @Override
    public void replaceKeys(Predicate<String> instruments, Optional<String> text) {
        Optional<State> state = text.map(t -> Json.read(t, State.class));
        for (TradingStrategy s : strategies()) {
            s.replaceInstruments(instruments, state.map(State::strategies).map(saved -> saved.get(s.name())));
        }
        tradedTargets.keySet().removeIf(instruments);
        state.ifPresent(st -> st.tradedTargets().forEach((instrument, target) -> {
            if (instruments.test(instrument)) {
                tradedTargets.put(instrument, new BigDecimal(target));
            }
        }));
        restoreWaiting(
                bars,
                instruments,
                state.map(State::bars).orElse(Map.of()),
                state.map(State::barIds).orElse(null));
        restoreWaiting(statuses, instruments, state.map(State::statuses).orElse(Map.of()), null);
        restoreWaiting(forecasts, instruments, state.map(State::forecasts).orElse(Map.of()), null);
    }

    private State state(Predicate<String> instruments, Map<String, String> strategies) {
        Map<String, String> targets = new TreeMap<>();
        tradedTargets.forEach((instrument, target) -> {
            if (instruments.test(instrument)) {
                targets.put(instrument, target.toString());
            }
        });
        return new State(
                targets,
                waiting(bars, instruments, Waiting::input),
                waiting(statuses, instruments, Waiting::input),
                waiting(forecasts, instruments, Waiting::input),
                strategies,
                waiting(bars, instruments, Waiting::id));
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
        restoreWaiting(bars, instrument -> true, state.bars(), state.barIds());
        restoreWaiting(statuses, instrument -> true, state.statuses(), null);
        restoreWaiting(forecasts, instrument -> true, state.forecasts(), null);
    }

    private List<TradingStrategy> strategies() {
        List<TradingStrategy> all = new ArrayList<>(informational.size() + 1);
        all.add(traded);
        all.addAll(informational);
        return all;
    }

    /** What {@code queues} hold for the instruments accepted, each waiting input as {@code part} gives it. */
    private static <T, R> Map<String, List<R>> waiting(
            Map<String, ArrayDeque<Waiting<T>>> queues, Predicate<String> instruments, Function<Waiting<T>, R> part) {
        Map<String, List<R>> waiting = new TreeMap<>();
        queues.forEach((instrument, queue) -> {
            if (!queue.isEmpty() && instruments.test(instrument)) {
                waiting.put(instrument, queue.stream().map(part).toList());
            }
        });
        return waiting;
    }

    /**
     * Replaces the waiting inputs of the instruments accepted by the restored ones, which do not
     * count as new (see {@link Waiting}). Without their ids (a state saved before they were kept, or
     * an input whose id does not matter) each gets one derived from its instrument and place.
     */
    private static <T> void restoreWaiting(
            Map<String, ArrayDeque<Waiting<T>>> queues,
            Predicate<String> instruments,
            Map<String, List<T>> waiting,
            Map<String, List<String>> ids) {
        queues.keySet().removeIf(instruments);
        waiting.forEach((instrument, items) -> {
            if (!instruments.test(instrument)) {
                return;
            }
            List<String> known = ids == null ? null : ids.get(instrument);
            ArrayDeque<Waiting<T>> queue = new ArrayDeque<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                String id = known != null && known.size() == items.size()
                        ? known.get(i)
                        : "restored:" + instrument + ":" + i + ":"
                                + items.get(i).hashCode();
                queue.add(new Waiting<>(items.get(i), id, false));
            }
            queues.put(instrument, queue);
        });
    }

    /**
     * The traded targets (decimal text), the join's waiting inputs by instrument in arrival order,
     * each strategy's state by name (null: it saves none), and the message ids of the waiting bars
     * (null in a state saved before they were kept).
     */
    record State(
            Map<String, String> tradedTargets,
            Map<String, List<Bar>> bars,
            Map<String, List<VpinStatus>> statuses,
            Map<String, List<MlPrediction>> forecasts,
            Map<String, String> strategies,
            Map<String, List<String>> barIds) {}
}
