package dev.nautilus.engines.host;

import static dev.nautilus.bus.MessageType.FEATURE_CALCULATION;
import static dev.nautilus.bus.MessageType.MARKET_DATA;
import static dev.nautilus.bus.MessageType.PORTFOLIO_UPDATE;
import static dev.nautilus.bus.MessageType.STRATEGY_SIGNAL;
import static dev.nautilus.bus.MessageType.SYSTEM_COORDINATION;
import static dev.nautilus.bus.MessageType.VPIN_CALCULATION;

import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.topics.AnalyticsTopics;
import dev.nautilus.engines.topics.BacktestTopics;
import dev.nautilus.engines.topics.CollateralTopics;
import dev.nautilus.engines.topics.FactorTopics;
import dev.nautilus.engines.topics.FeatureTopics;
import dev.nautilus.engines.topics.MarketDataTopics;
import dev.nautilus.engines.topics.MlTopics;
import dev.nautilus.engines.topics.PortfolioTopics;
import dev.nautilus.engines.topics.RiskTopics;
import dev.nautilus.engines.topics.StrategyTopics;
import dev.nautilus.engines.topics.VpinTopics;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The seed's subscription/publication matrix as data: the one place that says which engine reads
 * and writes what. Topic patterns are the seed's, spelled by the domains' switchboards
 * ({@code dev.nautilus.engines.topics}); the message types are ours (a subscription needs them to know
 * which streams to read).
 *
 * <p>Why the types are narrower than the patterns suggest: an engine reads only the types whose
 * messages change its results. The trading pipeline is a chain (hub → features/VPIN → strategy →
 * portfolio → risk/collateral) in which every engine's output is a function of an ordered input
 * stream, so the same replay gives the same signals and P&amp;L over any transport and any thread
 * timing. Feeding, say, risk alerts back into the strategy would make results depend on which bus
 * delivered first. Factor and Toraniko read only market data (reference data and bars), ML only the
 * features. Engines of other issues (analytics, backtesting, websocket) are listed so their ports
 * and topics are reserved.
 */
public final class EngineMatrix {

    public static final String MARKETDATA = "marketdata";
    public static final String FEATURES = "features";
    public static final String VPIN = "vpin";
    public static final String ENHANCED_VPIN = "enhanced_vpin";
    public static final String STRATEGY = "strategy";
    public static final String RISK = "risk";
    public static final String PORTFOLIO = "portfolio";
    public static final String COLLATERAL = "collateral";
    public static final String ANALYTICS = "analytics";
    public static final String BACKTESTING = "backtesting";
    public static final String FACTOR = "factor";
    public static final String ML = "ml";
    public static final String TORANIKO = "toraniko";
    public static final String WEBSOCKET = "websocket";

    // Patterns come from the switchboards in dev.nautilus.engines.topics; the quoted ones are the seed's
    // publications that no engine of ours produces yet (reserved, so no other engine takes them).
    private static final List<EngineWiring> ROWS = List.of(
            row(
                    ANALYTICS,
                    "Analytics",
                    8100,
                    List.of(PortfolioTopics.ALL, RiskTopics.ALL, StrategyTopics.ALL, MlTopics.PREDICTIONS.pattern()),
                    EnumSet.of(PORTFOLIO_UPDATE),
                    List.of(AnalyticsTopics.ALL_RESULTS, "performance.metric.*")),
            // not in the seed's matrix: requests to run a backtest, answered on the requester's reply topic
            row(
                    BACKTESTING,
                    "Backtesting",
                    8110,
                    List.of(BacktestTopics.REQUESTS.pattern()),
                    EnumSet.of(SYSTEM_COORDINATION),
                    List.of()),
            row(
                    RISK,
                    "Risk",
                    8200,
                    List.of(PortfolioTopics.ALL, VpinTopics.ALL, MlTopics.PREDICTIONS.pattern(), StrategyTopics.ALL),
                    EnumSet.of(PORTFOLIO_UPDATE),
                    List.of(RiskTopics.ALERTS.pattern(), RiskTopics.METRICS.pattern(), "portfolio.risk.*")),
            row(
                    FACTOR,
                    "Factor",
                    8300,
                    List.of(MarketDataTopics.ALL, PortfolioTopics.ALL, StrategyTopics.ALL),
                    EnumSet.of(MARKET_DATA),
                    List.of(FactorTopics.CALCULATIONS.pattern(), "factor.update.*")),
            // the seed's ML row reads no features; ours predicts from them, so it adds feature.calculation.*
            row(
                    ML,
                    "ML",
                    8400,
                    List.of(
                            VpinTopics.ALL,
                            RiskTopics.ALL,
                            StrategyTopics.ALL,
                            AnalyticsTopics.ALL,
                            FeatureTopics.CALCULATIONS.pattern()),
                    EnumSet.of(FEATURE_CALCULATION),
                    List.of(MlTopics.PREDICTIONS.pattern(), "model.training.complete.*")),
            row(
                    FEATURES,
                    "Features",
                    8500,
                    List.of(MarketDataTopics.ALL, PortfolioTopics.ALL, StrategyTopics.ALL),
                    EnumSet.of(MARKET_DATA),
                    List.of(FeatureTopics.CALCULATIONS.pattern(), "feature.update.*")),
            row(
                    WEBSOCKET,
                    "WebSocket",
                    8600,
                    List.of("*"),
                    EnumSet.allOf(MessageType.class),
                    List.of("websocket.broadcast.*", "system.health.*")),
            row(
                    STRATEGY,
                    "Strategy",
                    8700,
                    List.of(MarketDataTopics.ALL, MlTopics.ALL, RiskTopics.ALL, VpinTopics.ALL),
                    EnumSet.of(MARKET_DATA, VPIN_CALCULATION),
                    List.of(StrategyTopics.SIGNALS.pattern(), "portfolio.rebalance.*")),
            // "external sources" in the seed; on the bus the hub answers snapshot requests only
            row(
                    MARKETDATA,
                    "MarketData",
                    8800,
                    List.of(MarketDataTopics.SNAPSHOT_REQUESTS.pattern()),
                    EnumSet.of(SYSTEM_COORDINATION),
                    List.of(MarketDataTopics.ALL, MarketDataTopics.PRICES.pattern(), "volume.update.*")),
            row(
                    PORTFOLIO,
                    "Portfolio",
                    8900,
                    List.of(StrategyTopics.ALL, RiskTopics.ALL, AnalyticsTopics.ALL, CollateralTopics.ALL),
                    EnumSet.of(STRATEGY_SIGNAL),
                    List.of(PortfolioTopics.UPDATES.pattern(), PortfolioTopics.POSITION_CHANGES.pattern())),
            row(
                    TORANIKO,
                    "Toraniko",
                    8950,
                    List.of(PortfolioTopics.ALL, MarketDataTopics.ALL, RiskTopics.ALL),
                    EnumSet.of(MARKET_DATA),
                    List.of(FactorTopics.ALL_MODELS, FactorTopics.ALL_RETURNS)),
            row(
                    COLLATERAL,
                    "Collateral",
                    9000,
                    List.of(PortfolioTopics.ALL, MarketDataTopics.ALL, RiskTopics.ALL, StrategyTopics.ALL),
                    EnumSet.of(PORTFOLIO_UPDATE),
                    List.of(CollateralTopics.MARGINS.pattern(), CollateralTopics.MARGIN_ALERTS.pattern())),
            // the seed wrote features.*, which no engine publishes on; the features are on feature.*
            row(
                    VPIN,
                    "VPIN",
                    10000,
                    List.of(MarketDataTopics.ALL, FeatureTopics.ALL),
                    EnumSet.of(MARKET_DATA),
                    List.of(VpinTopics.CALCULATIONS.pattern(), VpinTopics.TOXICITY_ALERTS.pattern())),
            row(
                    ENHANCED_VPIN,
                    "Enhanced VPIN",
                    10001,
                    List.of(MarketDataTopics.ALL, FeatureTopics.ALL),
                    EnumSet.of(MARKET_DATA),
                    List.of(
                            VpinTopics.ENHANCED_CALCULATIONS.pattern(),
                            VpinTopics.ENHANCED_TOXICITY_ALERTS.pattern())));

    private static final Map<String, EngineWiring> BY_NAME =
            ROWS.stream().collect(Collectors.toUnmodifiableMap(EngineWiring::name, Function.identity()));

    private EngineMatrix() {}

    /** Every row, in port order. */
    public static List<EngineWiring> all() {
        return ROWS;
    }

    /** The row of an engine. */
    public static Optional<EngineWiring> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The row of an engine.
     *
     * @throws IllegalArgumentException naming the known engines
     */
    public static EngineWiring of(String name) {
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown engine '" + name + "'; known: "
                        + ROWS.stream().map(EngineWiring::name).toList()));
    }

    private static EngineWiring row(
            String name,
            String display,
            int port,
            List<String> subscriptions,
            Set<MessageType> types,
            List<String> publications) {
        return new EngineWiring(name, display, port, subscriptions, types, publications);
    }
}
