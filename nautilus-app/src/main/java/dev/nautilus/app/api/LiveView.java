package dev.nautilus.app.api;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.portfolio.PortfolioUpdate;
import dev.nautilus.engines.topics.CollateralTopics;
import dev.nautilus.engines.topics.MarketDataTopics;
import dev.nautilus.engines.topics.PortfolioTopics;
import dev.nautilus.engines.topics.RiskTopics;
import dev.nautilus.engines.topics.StrategyTopics;
import dev.nautilus.engines.topics.VpinTopics;
import dev.nautilus.engines.vpin.VpinStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The API's own view of the platform, kept by reading the buses as a consumer group of its own
 * ({@value #GROUP}): last prices, recent bars, signals, executions, portfolio and P&amp;L, VPIN, risk
 * and margin figures, and alerts. Because it only reads the bus, it works the same whether the
 * engines run in this JVM or as separate processes.
 *
 * <p>A payload that does not fit its topic throws from the handler, so the bus retries it and then
 * dead-letters it with the reason: visible under {@code /api/dead-letters}, never silently dropped.
 */
public final class LiveView implements AutoCloseable {

    /** The consumer group the API reads the buses as. */
    public static final String GROUP = "api";

    /** What the view reads; the topics are the engines' publications (see {@code EngineMatrix}). */
    static final List<String> PATTERNS = List.of(
            MarketDataTopics.ALL_TRADES,
            MarketDataTopics.ALL_BARS,
            PortfolioTopics.POSITION_CHANGES.pattern(),
            PortfolioTopics.UPDATES.pattern(),
            StrategyTopics.SIGNALS.pattern(),
            VpinTopics.CALCULATIONS.pattern(),
            VpinTopics.TOXICITY_ALERTS.pattern(),
            RiskTopics.ALL,
            CollateralTopics.MARGIN_ALERTS.pattern(),
            CollateralTopics.MARGINS.pattern());

    private static final EnumSet<MessageType> TYPES = EnumSet.of(
            MessageType.MARKET_DATA,
            MessageType.TRADE_EXECUTION,
            MessageType.PORTFOLIO_UPDATE,
            MessageType.STRATEGY_SIGNAL,
            MessageType.VPIN_CALCULATION,
            MessageType.RISK_METRIC,
            MessageType.COLLATERAL_UPDATE);

    /** How much recent history each log keeps: enough for a chart and a few screens of tables. */
    static final int CAPACITY = 2_000;

    private final Map<String, LastPrice> lastPrices = new ConcurrentSkipListMap<>();
    private final Map<String, BoundedLog<Bar>> bars = new ConcurrentHashMap<>();
    private final Map<String, BoundedLog<VpinStatus>> vpin = new ConcurrentHashMap<>();
    private final Map<String, BusEvent> enhancedVpin = new ConcurrentSkipListMap<>();
    private final Map<String, PortfolioUpdate> portfolios = new ConcurrentSkipListMap<>();
    private final Map<String, BusEvent> riskMetrics = new ConcurrentSkipListMap<>();
    private final Map<String, BusEvent> margins = new ConcurrentSkipListMap<>();
    private final BoundedLog<PnlPoint> pnl = new BoundedLog<>(CAPACITY);
    private final BoundedLog<BusEvent> signals = new BoundedLog<>(CAPACITY);
    private final BoundedLog<BusEvent> executions = new BoundedLog<>(CAPACITY);
    private final BoundedLog<Alert> alerts = new BoundedLog<>(CAPACITY);
    private final Subscription subscription;

    private LiveView(MessageBus bus, String instance) {
        this.subscription =
                bus.subscribe(new SubscriptionSpec(GROUP, GROUP + "-" + instance, PATTERNS, TYPES), this::onMessage);
    }

    /**
     * Starts reading the buses. Start it before the feed, or the view begins with whatever
     * arrives after.
     *
     * @param instance this API instance, a consumer name suffix, e.g. {@code 1}
     */
    public static LiveView start(MessageBus bus, String instance) {
        return new LiveView(bus, instance);
    }

    void onMessage(Message message) {
        String topic = message.topic();
        String alertKind = Alert.kindOf(topic);
        if (alertKind != null) {
            alerts.add(new Alert(alertKind, BusEvent.of(message)));
        } else if (MarketDataTopics.TRADES.matches(topic)) {
            Trade trade = message.payloadAs(Trade.class);
            lastPrices.merge(
                    trade.instrument(),
                    new LastPrice(trade.instrument(), trade.price(), trade.timestampMicros(), 1),
                    (old, now) ->
                            new LastPrice(now.instrument(), now.price(), now.timestampMicros(), old.trades() + 1));
        } else if (MarketDataTopics.BARS.matches(topic)) {
            Bar bar = message.payloadAs(Bar.class);
            bars.computeIfAbsent(bar.instrument(), k -> new BoundedLog<>(CAPACITY))
                    .add(bar);
        } else if (VpinTopics.ENHANCED_CALCULATIONS.matches(topic)) {
            enhancedVpin.put(VpinTopics.ENHANCED_CALCULATIONS.key(topic), BusEvent.of(message));
        } else if (VpinTopics.CALCULATIONS.matches(topic)) {
            VpinStatus status = message.payloadAs(VpinStatus.class);
            Objects.requireNonNull(status.instrument(), "VPIN status without an instrument");
            vpin.computeIfAbsent(status.instrument(), k -> new BoundedLog<>(CAPACITY))
                    .add(status);
        } else if (PortfolioTopics.UPDATES.matches(topic)) {
            PortfolioUpdate update = message.payloadAs(PortfolioUpdate.class);
            portfolios.put(update.account(), update);
            pnl.add(new PnlPoint(
                    update.account(),
                    update.timestampMicros(),
                    update.equity(),
                    update.realised(),
                    update.unrealised(),
                    update.fees()));
        } else if (PortfolioTopics.POSITION_CHANGES.matches(topic)) {
            executions.add(BusEvent.of(message));
        } else if (StrategyTopics.SIGNALS.matches(topic)) {
            signals.add(BusEvent.of(message));
        } else if (RiskTopics.METRICS.matches(topic)) {
            riskMetrics.put(RiskTopics.METRICS.key(topic), BusEvent.of(message));
        } else if (CollateralTopics.MARGINS.matches(topic)) {
            margins.put(CollateralTopics.MARGINS.key(topic), BusEvent.of(message));
        }
        // other risk.* topics (e.g. portfolio.risk.*) are not part of the view
    }

    /** Last prices by instrument, alphabetical. */
    public List<LastPrice> lastPrices() {
        return List.copyOf(lastPrices.values());
    }

    /** The last price of one instrument. */
    public Optional<LastPrice> lastPrice(String instrument) {
        return Optional.ofNullable(lastPrices.get(instrument));
    }

    /** Every instrument seen in trades, bars or VPIN, alphabetical. */
    public List<String> instruments() {
        TreeMap<String, Boolean> all = new TreeMap<>();
        lastPrices.keySet().forEach(k -> all.put(k, true));
        bars.keySet().forEach(k -> all.put(k, true));
        vpin.keySet().forEach(k -> all.put(k, true));
        return List.copyOf(all.keySet());
    }

    /** The most recent bars of an instrument, oldest first; empty when none was seen. */
    public List<Bar> bars(String instrument, int limit) {
        BoundedLog<Bar> log = bars.get(instrument);
        return log == null ? List.of() : log.latestInOrder(limit);
    }

    /** The most recent VPIN statuses (one per bar) of an instrument, oldest first. */
    public List<VpinStatus> vpin(String instrument, int limit) {
        BoundedLog<VpinStatus> log = vpin.get(instrument);
        return log == null ? List.of() : log.latestInOrder(limit);
    }

    /** The newest VPIN status per instrument. */
    public Map<String, VpinStatus> latestVpin() {
        Map<String, VpinStatus> latest = new TreeMap<>();
        vpin.forEach((instrument, log) -> log.newest(1).forEach(v -> latest.put(instrument, v)));
        return latest;
    }

    /** The newest enhanced VPIN estimate per instrument. */
    public Map<String, BusEvent> latestEnhancedVpin() {
        return sorted(enhancedVpin);
    }

    /** The newest portfolio update per account. */
    public Map<String, PortfolioUpdate> portfolios() {
        return sorted(portfolios);
    }

    /** Recent P&amp;L points of every account, oldest first. */
    public List<PnlPoint> pnl(int limit) {
        return pnl.latestInOrder(limit);
    }

    /** Recent strategy signals, newest first. */
    public List<BusEvent> signals(int limit) {
        return signals.newest(limit);
    }

    /** Recent paper executions (fills), newest first. */
    public List<BusEvent> executions(int limit) {
        return executions.newest(limit);
    }

    /** Recent alerts of every kind, newest first. */
    public List<Alert> alerts(int limit) {
        return alerts.newest(limit);
    }

    /** The newest risk metrics per account. */
    public Map<String, BusEvent> riskMetrics() {
        return sorted(riskMetrics);
    }

    /** The newest margin figures per account. */
    public Map<String, BusEvent> margins() {
        return sorted(margins);
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** Stops reading the buses. */
    @Override
    public void close() {
        subscription.close();
    }
}
