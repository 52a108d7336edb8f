package dev.nautilus.app.security;

import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.EngineMatrix;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Who connects to Redis as which ACL user, and what each engine publishes. Every engine process
 * has a user of its own ({@code nautilus-<engine>}); the Backend API and dashboard process
 * {@code nautilus-api}, the bus monitor (in {@code monitor} and inside the API) {@code nautilus-monitor},
 * and the whole platform in one JVM ({@code up}) {@code nautilus-platform}.
 */
public final class BusUsers {

    public static final String PLATFORM = "nautilus-platform";
    public static final String API = "nautilus-api";
    public static final String MONITOR = "nautilus-monitor";

    /** Process identities (see {@code PlatformMode}) that are not engines. */
    public static final String PLATFORM_IDENTITY = "platform";

    public static final String API_IDENTITY = "api";
    public static final String REPLAY_IDENTITY = "replay";

    /**
     * The message types each engine publishes, read from the engines' code (their {@code publish}
     * calls; the hub and the backtester also answer requests, whose replies keep the request's type).
     * The matrix lists topic patterns only, and a topic says nothing of its type: this is the
     * type-level column the ACL needs. An engine missing here fails {@link #published}, so a new
     * engine cannot go out without its row.
     */
    private static final Map<String, Set<MessageType>> PUBLISHED = Map.ofEntries(
            Map.entry(
                    EngineMatrix.MARKETDATA,
                    EnumSet.of(MessageType.MARKET_DATA, MessageType.PRICE_UPDATE, MessageType.SYSTEM_COORDINATION)),
            Map.entry(EngineMatrix.FEATURES, EnumSet.of(MessageType.FEATURE_CALCULATION)),
            Map.entry(EngineMatrix.VPIN, EnumSet.of(MessageType.VPIN_CALCULATION)),
            Map.entry(EngineMatrix.ENHANCED_VPIN, EnumSet.of(MessageType.VPIN_CALCULATION)),
            Map.entry(EngineMatrix.STRATEGY, EnumSet.of(MessageType.STRATEGY_SIGNAL)),
            Map.entry(EngineMatrix.RISK, EnumSet.of(MessageType.RISK_METRIC)),
            Map.entry(EngineMatrix.PORTFOLIO, EnumSet.of(MessageType.PORTFOLIO_UPDATE, MessageType.TRADE_EXECUTION)),
            Map.entry(EngineMatrix.COLLATERAL, EnumSet.of(MessageType.COLLATERAL_UPDATE)),
            Map.entry(EngineMatrix.ANALYTICS, EnumSet.of(MessageType.ANALYTICS_RESULT)),
            Map.entry(EngineMatrix.BACKTESTING, EnumSet.of(MessageType.SYSTEM_COORDINATION)),
            Map.entry(EngineMatrix.FACTOR, EnumSet.of(MessageType.FACTOR_CALCULATION)),
            Map.entry(EngineMatrix.TORANIKO, EnumSet.of(MessageType.FACTOR_CALCULATION)),
            Map.entry(EngineMatrix.ML, EnumSet.of(MessageType.ML_PREDICTION)),
            // reads every type for its clients; publishes nothing on the bus
            Map.entry(EngineMatrix.WEBSOCKET, EnumSet.noneOf(MessageType.class)));

    private BusUsers() {}

    /**
     * The Redis user of a process identity: {@code platform}, {@code api}, an engine's name, or
     * {@code replay} (which runs the MarketData hub alone, so connects as the hub).
     */
    public static String userOf(String identity) {
        return switch (identity) {
            case PLATFORM_IDENTITY -> PLATFORM;
            case API_IDENTITY -> API;
            case REPLAY_IDENTITY -> engineUser(EngineMatrix.MARKETDATA);
            default -> engineUser(identity);
        };
    }

    /** {@code nautilus-<engine>}. */
    public static String engineUser(String engine) {
        return "nautilus-" + engine;
    }

    /**
     * The types an engine publishes.
     *
     * @throws IllegalStateException for an engine of the matrix with no row here
     */
    public static Set<MessageType> published(String engine) {
        Set<MessageType> types = PUBLISHED.get(engine);
        if (types == null) {
            throw new IllegalStateException(
                    "engine " + engine + " has no row in BusUsers.PUBLISHED: which types does it publish?");
        }
        return types;
    }
}
