package dev.nautilus.app.engines;

import dev.nautilus.app.config.WebSocketSettings;
import dev.nautilus.app.websocket.WebSocketEngine;
import dev.nautilus.engines.collateral.CollateralEngine;
import dev.nautilus.engines.collateral.MarginCalculator;
import dev.nautilus.engines.collateral.MarginRates;
import dev.nautilus.engines.collateral.MarginSchedule;
import dev.nautilus.engines.features.FeatureConfig;
import dev.nautilus.engines.features.FeaturesEngine;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.portfolio.FeeModel;
import dev.nautilus.engines.portfolio.PaperExecutor;
import dev.nautilus.engines.portfolio.PortfolioEngine;
import dev.nautilus.engines.portfolio.SlippageModel;
import dev.nautilus.engines.risk.FlashCrashDetector;
import dev.nautilus.engines.risk.PreTradeRiskCheck;
import dev.nautilus.engines.risk.RiskEngine;
import dev.nautilus.engines.risk.RiskLimits;
import dev.nautilus.engines.strategy.MovingAverageCrossStrategy;
import dev.nautilus.engines.strategy.RsiMeanReversionStrategy;
import dev.nautilus.engines.strategy.StrategyEngine;
import dev.nautilus.engines.vpin.EnhancedVpinConfig;
import dev.nautilus.engines.vpin.EnhancedVpinEngine;
import dev.nautilus.engines.vpin.VpinConfig;
import dev.nautilus.engines.vpin.VpinEngine;
import java.math.BigDecimal;
import java.util.List;

/**
 * Builds the engines of the trading pipeline with their default parameters: the one place that
 * says which calculator settings the running platform uses. Parameters are those the BTC replay
 * test in nautilus-engines validated: 500 BTC VPIN buckets (≈ a day's volume / 50, as in the paper),
 * MA cross 10/30 on one-minute bars trading 1 BTC, 10,000 USD of paper cash, 25 bp fees, 2 bp
 * slippage, 5% drop in 5 minutes for a flash crash, 50%/30% initial/maintenance margin.
 */
public final class EngineCatalog {

    /** The engines implemented, in start order: consumers first, the hub (the publisher) last. */
    public static final List<String> PIPELINE = List.of(EngineMatrix.FEATURES, EngineMatrix.VPIN, EngineMatrix.ENHANCED_VPIN,
            EngineMatrix.STRATEGY, EngineMatrix.PORTFOLIO, EngineMatrix.RISK, EngineMatrix.COLLATERAL, EngineMatrix.MARKETDATA);

    /**
     * Every engine {@code up} starts: the pipeline and the WebSocket engine, which subscribes before
     * the hub publishes.
     */
    public static final List<String> PLATFORM = List.of(EngineMatrix.FEATURES, EngineMatrix.VPIN, EngineMatrix.ENHANCED_VPIN,
            EngineMatrix.STRATEGY, EngineMatrix.PORTFOLIO, EngineMatrix.RISK, EngineMatrix.COLLATERAL, EngineMatrix.WEBSOCKET,
            EngineMatrix.MARKETDATA);

    /** The paper account's name. */
    public static final String ACCOUNT = "paper";

    private static final double BUCKET_VOLUME = 500;

    private EngineCatalog() {
    }

    /**
     * A new engine with default parameters.
     *
     * @throws IllegalArgumentException for an unknown engine or one not implemented yet
     */
    public static Engine create(String name) {
        return create(name, WebSocketSettings.defaults());
    }

    /**
     * A new engine with default parameters; the WebSocket engine with the given settings.
     *
     * @throws IllegalArgumentException for an unknown engine or one not implemented yet
     */
    public static Engine create(String name, WebSocketSettings websocket) {
        EngineMatrix.of(name); // names the known engines when unknown
        return switch (name) {
            case EngineMatrix.WEBSOCKET -> new WebSocketEngine(websocket);
            case EngineMatrix.MARKETDATA -> new MarketDataHub();
            case EngineMatrix.FEATURES -> new FeaturesEngine(FeatureConfig.defaults());
            case EngineMatrix.VPIN -> new VpinEngine(i -> VpinConfig.paper(BUCKET_VOLUME));
            case EngineMatrix.ENHANCED_VPIN -> new EnhancedVpinEngine(i -> EnhancedVpinConfig.defaults(BUCKET_VOLUME));
            case EngineMatrix.STRATEGY -> new StrategyEngine(new MovingAverageCrossStrategy(10, 30, BigDecimal.ONE, true),
                    RsiMeanReversionStrategy.classic(BigDecimal.ONE, true));
            case EngineMatrix.PORTFOLIO -> new PortfolioEngine(ACCOUNT, StrategyEngine.TRADED, new BigDecimal("10000"),
                    new PaperExecutor(new FeeModel(25), new SlippageModel(2, 1)),
                    new PreTradeRiskCheck(new RiskLimits(5, 5_000, 0.5)));
            case EngineMatrix.RISK -> new RiskEngine(500, 0.2, new FlashCrashDetector(300_000_000L, 0.05));
            case EngineMatrix.COLLATERAL -> new CollateralEngine(
                    new MarginCalculator(MarginSchedule.builder(new MarginRates(0.5, 0.3)).build()));
            default -> throw new IllegalArgumentException("engine '" + name + "' belongs to a later issue and is not implemented yet; "
                    + "implemented: " + PLATFORM);
        };
    }

    /** New engines for the given names, in pipeline start order (the hub last). */
    public static List<Engine> create(List<String> names) {
        return create(names, WebSocketSettings.defaults());
    }

    /** New engines for the given names, in platform start order (the hub last); the WebSocket engine with these settings. */
    public static List<Engine> create(List<String> names, WebSocketSettings websocket) {
        return PLATFORM.stream().filter(names::contains).map(name -> create(name, websocket)).toList();
    }
}
