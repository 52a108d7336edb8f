package dev.nautilus.engines.strategy;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.topics.MarketDataTopics;
import dev.nautilus.engines.topics.StrategyTopics;
import dev.nautilus.engines.topics.VpinTopics;
import dev.nautilus.engines.vpin.VpinStatus;
import io.micrometer.core.instrument.Counter;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Strategy engine (8700): a VPIN-filtered moving-average cross (the traded strategy, named
 * {@value #TRADED}; it stands aside — flat — while flow is toxic) and an RSI mean reversion whose
 * signals are published for information.
 *
 * <p><b>Determinism across two buses.</b> Bars come on the MarketData bus, VPIN on the Engine Logic
 * bus; which arrives first depends on thread timing. The engine therefore joins them by bar: a bar
 * is acted on only when the VPIN status for the same bar (same instrument and end time) has also
 * arrived, and both streams are each in order, so decisions are the same whatever the interleaving.
 */
public final class StrategyEngine implements Engine {

    /** Name of the traded strategy. */
    public static final String TRADED = "vpin_ma_cross";
    /** Name of the informational RSI strategy. */
    public static final String RSI = "rsi_mean_reversion";

    private static final Logger LOG = LoggerFactory.getLogger(StrategyEngine.class);

    private final EngineWiring wiring = EngineMatrix.of(EngineMatrix.STRATEGY);
    private final VpinFilteredStrategy traded;
    private final RsiMeanReversionStrategy rsi;
    private final Map<String, ArrayDeque<Bar>> bars = new HashMap<>();
    private final Map<String, ArrayDeque<VpinStatus>> statuses = new HashMap<>();
    private PatientPublisher endpoint;
    private Counter signals;

    /**
     * @param maCross the moving-average cross to filter by VPIN
     * @param rsi     the RSI mean reversion
     */
    public StrategyEngine(MovingAverageCrossStrategy maCross, RsiMeanReversionStrategy rsi) {
        this.traded = new VpinFilteredStrategy(maCross);
        this.rsi = rsi;
    }

    @Override
    public EngineWiring wiring() {
        return wiring;
    }

    @Override
    public void onStart(EngineContext context) {
        endpoint = context.publisher();
        signals = Counter.builder("nautilus.strategy.signals")
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
            } else {
                decide(b.poll(), v.poll());
            }
        }
    }

    private void decide(Bar bar, VpinStatus status) {
        String instrument = bar.instrument();
        long at = bar.endMicros();
        Optional<Signal> fromToxicity =
                traded.onToxicity(instrument, at, status.toxic(), "VPIN " + status.vpin() + " CDF " + status.cdf());
        Optional<Signal> fromPrice = traded.onPrice(instrument, at, bar.close());
        Optional<Signal> signal = fromPrice.isPresent() ? fromPrice : fromToxicity;
        BigDecimal target = traded.currentTarget(instrument);
        if (signal.isPresent()) {
            signals.increment();
            LOG.debug(
                    "signal strategy={} instrument={} target={} reason={}",
                    TRADED,
                    instrument,
                    target,
                    signal.get().reason());
        }
        endpoint.publish(
                MessageType.STRATEGY_SIGNAL,
                StrategyTopics.signal(TRADED, instrument),
                new StrategySignal(
                        TRADED,
                        instrument,
                        at,
                        bar.close(),
                        target,
                        signal.isPresent(),
                        status.toxic(),
                        signal.map(Signal::reason).orElse("")));
        rsi.onPrice(instrument, at, bar.close())
                .ifPresent(s -> endpoint.publish(
                        MessageType.STRATEGY_SIGNAL,
                        StrategyTopics.signal(RSI, instrument),
                        new StrategySignal(
                                RSI,
                                instrument,
                                at,
                                bar.close(),
                                s.targetQuantity(),
                                true,
                                status.toxic(),
                                s.reason())));
    }
}
