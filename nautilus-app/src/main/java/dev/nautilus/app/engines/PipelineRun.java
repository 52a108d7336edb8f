package dev.nautilus.app.engines;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.MicroClock;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.engines.collateral.CollateralUpdate;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.host.EngineRuntime;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.marketdata.TradeReplay;
import dev.nautilus.engines.portfolio.PortfolioUpdate;
import dev.nautilus.engines.risk.RiskMetrics;
import dev.nautilus.engines.strategy.StrategySignal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * Replays trades as fast as possible through the whole pipeline (hub → features, VPIN, enhanced
 * VPIN → strategy → portfolio → risk, collateral) on a given bus, waits until the last bar's
 * portfolio update has reached risk and collateral, and returns what came out. Used by the
 * transport-equivalence test and the end-to-end benchmark; the caller owns the bus.
 *
 * <p>A recorder group reads the results (and, when asked, the bars, to measure tick-to-signal
 * latency: from the hub publishing a bar to the recorder receiving the strategy's decision on it).
 */
public final class PipelineRun {

    /**
     * What the pipeline produced.
     *
     * @param trades       trades accepted by the hub
     * @param bars         bars published
     * @param signals      the traded strategy's target changes, in order
     * @param rsiSignals   the RSI strategy's signals, in order
     * @param portfolio    the last portfolio update
     * @param risk         the last risk metrics
     * @param collateral   the last margin update
     * @param seconds      wall time from the first trade to the last collateral update
     * @param tickToSignal latency histogram (microseconds), empty unless measured
     */
    public record Outcome(long trades, long bars, List<StrategySignal> signals, List<StrategySignal> rsiSignals,
            PortfolioUpdate portfolio, RiskMetrics risk, CollateralUpdate collateral, double seconds, Histogram tickToSignal) {
    }

    private PipelineRun() {
    }

    /**
     * Runs {@code trades} through a fresh pipeline on {@code bus}.
     *
     * @param measureLatency whether the recorder also reads bars to measure tick-to-signal latency
     * @throws TimeoutException when the results do not all arrive within {@code timeout}
     */
    public static Outcome run(MessageBus bus, List<Trade> trades, boolean measureLatency, Duration timeout)
            throws TimeoutException, InterruptedException {
        return run(bus, trades, 0, measureLatency, timeout);
    }

    /**
     * Runs {@code trades} through a fresh pipeline on {@code bus} at a replay speed (0 = as fast as possible).
     *
     * @throws TimeoutException when the results do not all arrive within {@code timeout}
     */
    public static Outcome run(MessageBus bus, List<Trade> trades, double speed, boolean measureLatency, Duration timeout)
            throws TimeoutException, InterruptedException {
        Recorder recorder = new Recorder(measureLatency);
        EnumSet<MessageType> types = EnumSet.of(MessageType.STRATEGY_SIGNAL, MessageType.PORTFOLIO_UPDATE, MessageType.RISK_METRIC,
                MessageType.COLLATERAL_UPDATE);
        List<String> patterns = new ArrayList<>(List.of("strategy.signal.*", "portfolio.update.*", "risk.metric.*",
                "collateral.margin.*"));
        if (measureLatency) {
            types.add(MessageType.MARKET_DATA);
            patterns.add("market_data.bar.*");
        }
        try (EngineHost host = new EngineHost(bus, new SimpleMeterRegistry(), "1", EngineCatalog.create(EngineCatalog.PIPELINE));
                Subscription recording = bus.subscribe(new SubscriptionSpec("recorder", "recorder-1", patterns, types), recorder)) {
            host.start();
            MarketDataHub hub = host.runtimes().stream().map(EngineRuntime::engine).filter(MarketDataHub.class::isInstance)
                    .map(MarketDataHub.class::cast).findFirst().orElseThrow();
            long start = System.nanoTime();
            long accepted = new TradeReplay(hub, speed).run(trades, () -> false);
            recorder.awaitCollateral(hub.barCount(), timeout);
            double seconds = (System.nanoTime() - start) / 1e9;
            synchronized (recorder) {
                return new Outcome(accepted, hub.barCount(), List.copyOf(recorder.signals), List.copyOf(recorder.rsiSignals),
                        recorder.portfolio, recorder.risk, recorder.collateral, seconds, recorder.latency.copy());
            }
        }
    }

    /** Collects results; called by one bus thread at a time. */
    private static final class Recorder implements dev.nautilus.bus.MessageHandler {
        private final List<StrategySignal> signals = new ArrayList<>();
        private final List<StrategySignal> rsiSignals = new ArrayList<>();
        private final Map<Long, Long> barPublished = new HashMap<>();
        private final Map<Long, Long> signalReceived = new HashMap<>();
        private final Histogram latency = new Histogram(3_600_000_000L, 3);
        private PortfolioUpdate portfolio;
        private RiskMetrics risk;
        private CollateralUpdate collateral;
        private long collateralCount;
        private long riskCount;
        private final boolean measureLatency;

        Recorder(boolean measureLatency) {
            this.measureLatency = measureLatency;
        }

        @Override
        public synchronized void onMessage(Message message) {
            switch (message.type()) {
                case MARKET_DATA -> {
                    // the decision may reach the recorder before the bar does (the recorder lags on the busy market-data stream)
                    long barEnd = message.payloadAs(Bar.class).endMicros();
                    Long received = signalReceived.remove(barEnd);
                    if (received != null) {
                        latency.recordValue(Math.max(0, received - message.timestampMicros()));
                    } else {
                        barPublished.put(barEnd, message.timestampMicros());
                    }
                }
                case STRATEGY_SIGNAL -> {
                    StrategySignal s = message.payloadAs(StrategySignal.class);
                    if (s.strategy().equals(dev.nautilus.engines.strategy.StrategyEngine.TRADED)) {
                        Long published = barPublished.remove(s.timestampMicros());
                        if (published != null) {
                            latency.recordValue(Math.max(0, MicroClock.nowMicros() - published));
                        } else if (measureLatency) {
                            signalReceived.put(s.timestampMicros(), MicroClock.nowMicros());
                        }
                        if (s.changed()) {
                            signals.add(s);
                        }
                    } else {
                        rsiSignals.add(s);
                    }
                }
                case PORTFOLIO_UPDATE -> portfolio = message.payloadAs(PortfolioUpdate.class);
                case RISK_METRIC -> {
                    risk = message.payloadAs(RiskMetrics.class);
                    riskCount++;
                }
                case COLLATERAL_UPDATE -> {
                    collateral = message.payloadAs(CollateralUpdate.class);
                    collateralCount++;
                }
                default -> {
                }
            }
            notifyAll();
        }

        synchronized void awaitCollateral(long expected, Duration timeout) throws TimeoutException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (collateralCount < expected || riskCount < expected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("pipeline results incomplete after " + timeout + ": " + collateralCount
                            + " collateral and " + riskCount + " risk updates of " + expected + " bars");
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
