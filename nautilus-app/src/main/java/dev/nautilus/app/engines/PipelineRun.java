package dev.nautilus.app.engines;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.MicroClock;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.engines.analytics.PerformanceSummary;
import dev.nautilus.engines.analytics.PeriodReturn;
import dev.nautilus.engines.collateral.CollateralUpdate;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineRuntime;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.marketdata.TradeReplay;
import dev.nautilus.engines.portfolio.PortfolioUpdate;
import dev.nautilus.engines.risk.RiskMetrics;
import dev.nautilus.engines.strategy.StrategyEngine;
import dev.nautilus.engines.strategy.StrategySignal;
import dev.nautilus.engines.topics.AnalyticsTopics;
import dev.nautilus.engines.topics.CollateralTopics;
import dev.nautilus.engines.topics.MarketDataTopics;
import dev.nautilus.engines.topics.PortfolioTopics;
import dev.nautilus.engines.topics.RiskTopics;
import dev.nautilus.engines.topics.StrategyTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Replays trades (or bars) as fast as possible through the whole pipeline (hub → features, VPIN, enhanced
 * VPIN → strategy → portfolio → risk, collateral, analytics) on a given bus, waits until the last bar's
 * portfolio update has reached risk, collateral and analytics, and returns what came out. Used by the
 * transport-equivalence test, the end-to-end benchmark and the backtester; the caller owns the bus.
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
     * @param portfolioUpdates every portfolio update, in order: the equity curve
     * @param analytics    the last performance summary of the Analytics engine
     * @param periodReturns the calendar periods Analytics completed, in order
     */
    public record Outcome(
            long trades,
            long bars,
            List<StrategySignal> signals,
            List<StrategySignal> rsiSignals,
            PortfolioUpdate portfolio,
            RiskMetrics risk,
            CollateralUpdate collateral,
            double seconds,
            Histogram tickToSignal,
            List<PortfolioUpdate> portfolioUpdates,
            PerformanceSummary analytics,
            List<PeriodReturn> periodReturns) {}

    /** The engines a run builds: every implemented one except the Backtesting engine (a run does not start backtests). */
    private static final List<String> TRADING = EngineCatalog.PIPELINE.stream()
            .filter(name -> !name.equals(EngineMatrix.BACKTESTING))
            .toList();

    private PipelineRun() {}

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
    public static Outcome run(
            MessageBus bus, List<Trade> trades, double speed, boolean measureLatency, Duration timeout)
            throws TimeoutException, InterruptedException {
        return run(
                bus,
                new MarketFeed.Trades(trades),
                PipelineSettings.defaults(),
                speed,
                measureLatency,
                timeout,
                ProgressObserver.NONE);
    }

    /**
     * Runs {@code feed} through a fresh pipeline built with {@code settings} on {@code bus}.
     *
     * @param speed    replay speed for trades (0 = as fast as possible); bars are always fed as fast as possible
     * @param progress watches the events fed, from another thread
     * @throws TimeoutException when the results do not all arrive within {@code timeout}
     */
    public static Outcome run(
            MessageBus bus,
            MarketFeed feed,
            PipelineSettings settings,
            double speed,
            boolean measureLatency,
            Duration timeout,
            ProgressObserver progress)
            throws TimeoutException, InterruptedException {
        Recorder recorder = new Recorder(measureLatency);
        EnumSet<MessageType> types = EnumSet.of(
                MessageType.STRATEGY_SIGNAL,
                MessageType.PORTFOLIO_UPDATE,
                MessageType.RISK_METRIC,
                MessageType.COLLATERAL_UPDATE,
                MessageType.ANALYTICS_RESULT);
        List<String> patterns = new ArrayList<>(List.of(
                StrategyTopics.SIGNALS.pattern(),
                PortfolioTopics.UPDATES.pattern(),
                RiskTopics.METRICS.pattern(),
                CollateralTopics.MARGINS.pattern(),
                AnalyticsTopics.ALL_RESULTS));
        if (measureLatency) {
            types.add(MessageType.MARKET_DATA);
            patterns.add(MarketDataTopics.ALL_BARS);
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (EngineHost host = new EngineHost(bus, meters, "1", EngineCatalog.create(TRADING, settings));
                Subscription recording =
                        bus.subscribe(new SubscriptionSpec("recorder", "recorder-1", patterns, types), recorder)) {
            host.start();
            MarketDataHub hub = host.runtimes().stream()
                    .map(EngineRuntime::engine)
                    .filter(MarketDataHub.class::isInstance)
                    .map(MarketDataHub.class::cast)
                    .findFirst()
                    .orElseThrow();
            long start = System.nanoTime();
            long accepted;
            try (ProgressObserver.Watch watch = progress.watch(fedCounter(feed, hub, meters), feed.size())) {
                accepted = feed(feed, hub, speed);
                recorder.awaitResults(hub.barCount(), timeout);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            synchronized (recorder) {
                return new Outcome(
                        accepted,
                        hub.barCount(),
                        List.copyOf(recorder.signals),
                        List.copyOf(recorder.rsiSignals),
                        recorder.portfolio,
                        recorder.risk,
                        recorder.collateral,
                        seconds,
                        recorder.latency.copy(),
                        List.copyOf(recorder.portfolioUpdates),
                        recorder.analytics,
                        List.copyOf(recorder.periodReturns));
            }
        }
    }

    /** Feeds the hub; returns the events it accepted. */
    private static long feed(MarketFeed feed, MarketDataHub hub, double speed) {
        return switch (feed) {
            case MarketFeed.Trades t -> new TradeReplay(hub, speed).run(t.trades(), () -> false);
            case MarketFeed.Bars b -> {
                b.bars().forEach(hub::ingestBar);
                yield b.bars().size();
            }
        };
    }

    /** Events fed so far, readable from another thread: the hub's accepted-trade counter, or its bar count. */
    private static LongSupplier fedCounter(MarketFeed feed, MarketDataHub hub, SimpleMeterRegistry meters) {
        return switch (feed) {
            case MarketFeed.Trades t -> {
                Counter accepted = meters.get("nautilus.marketdata.accepted").counter();
                yield () -> (long) accepted.count();
            }
            case MarketFeed.Bars b -> hub::barCount;
        };
    }

    /** Collects results; called by one bus thread at a time. */
    private static final class Recorder implements MessageHandler {
        private final List<StrategySignal> signals = new ArrayList<>();
        private final List<StrategySignal> rsiSignals = new ArrayList<>();
        private final Map<Long, Long> barPublished = new HashMap<>();
        private final Map<Long, Long> signalReceived = new HashMap<>();
        private final Histogram latency = new Histogram(3_600_000_000L, 3);
        private final List<PortfolioUpdate> portfolioUpdates = new ArrayList<>();
        private final List<PeriodReturn> periodReturns = new ArrayList<>();
        private PerformanceSummary analytics;
        private long analyticsCount;
        private PortfolioUpdate portfolio;
        private RiskMetrics risk;
        private CollateralUpdate collateral;
        private long collateralCount;
        private long riskCount;
        private long tradedSignals;
        private final boolean measureLatency;

        Recorder(boolean measureLatency) {
            this.measureLatency = measureLatency;
        }

        @Override
        public synchronized void onMessage(Message message) {
            switch (message.type()) {
                case MARKET_DATA -> {
                    // the decision may reach the recorder before the bar does (the recorder lags on the busy
                    // market-data stream)
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
                    if (s.strategy().equals(StrategyEngine.TRADED)) {
                        tradedSignals++;
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
                case PORTFOLIO_UPDATE -> {
                    portfolio = message.payloadAs(PortfolioUpdate.class);
                    portfolioUpdates.add(portfolio);
                }
                case ANALYTICS_RESULT -> {
                    if (AnalyticsTopics.PERIODS.matches(message.topic())) {
                        periodReturns.add(message.payloadAs(PeriodReturn.class));
                    } else {
                        analytics = message.payloadAs(PerformanceSummary.class);
                        analyticsCount++;
                    }
                }
                case RISK_METRIC -> {
                    risk = message.payloadAs(RiskMetrics.class);
                    riskCount++;
                }
                case COLLATERAL_UPDATE -> {
                    collateral = message.payloadAs(CollateralUpdate.class);
                    collateralCount++;
                }
                default -> {}
            }
            notifyAll();
        }

        /**
         * Waits until every bar's results reached the recorder: its traded-strategy signal, and the
         * portfolio, risk, collateral and analytics updates that follow it. The signals are awaited
         * too: they travel on a stream of their own, which a lagging recorder may read behind the others.
         */
        synchronized void awaitResults(long expected, Duration timeout) throws TimeoutException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (tradedSignals < expected
                    || collateralCount < expected
                    || riskCount < expected
                    || analyticsCount < expected
                    || portfolioUpdates.size() < expected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(
                            "pipeline results incomplete after " + timeout + ": " + tradedSignals + " signals, "
                                    + portfolioUpdates.size()
                                    + " portfolio, " + collateralCount + " collateral, " + riskCount + " risk and "
                                    + analyticsCount
                                    + " analytics updates of " + expected + " bars");
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
