package dev.nautilus.app.engines;

import dev.nautilus.app.backtest.BacktestOnRequest;
import dev.nautilus.app.config.WebSocketSettings;
import dev.nautilus.app.websocket.WebSocketEngine;
import dev.nautilus.engines.analytics.AnalyticsEngine;
import dev.nautilus.engines.backtesting.BacktestingEngine;
import dev.nautilus.engines.collateral.CollateralEngine;
import dev.nautilus.engines.collateral.MarginCalculator;
import dev.nautilus.engines.collateral.MarginRates;
import dev.nautilus.engines.collateral.MarginSchedule;
import dev.nautilus.engines.factor.FactorConfig;
import dev.nautilus.engines.factor.FactorEngine;
import dev.nautilus.engines.features.FeatureConfig;
import dev.nautilus.engines.features.FeaturesEngine;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.ml.MlConfig;
import dev.nautilus.engines.ml.MlEngine;
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
import dev.nautilus.engines.toraniko.ToranikoConfig;
import dev.nautilus.engines.toraniko.ToranikoEngine;
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
 * slippage, 5% drop in 5 minutes for a flash crash, 50%/30% initial/maintenance margin. Factor,
 * Toraniko and ML use their configs' defaults (one-minute bars: hour-long look-backs).
 */
public final class EngineCatalog {

    /** The engines implemented, in start order: consumers first, the hub (the publisher) last. */
    public static final List<String> PIPELINE = List.of(
            EngineMatrix.FEATURES,
            EngineMatrix.VPIN,
            EngineMatrix.ENHANCED_VPIN,
            EngineMatrix.STRATEGY,
            EngineMatrix.PORTFOLIO,
            EngineMatrix.RISK,
            EngineMatrix.COLLATERAL,
            EngineMatrix.ANALYTICS,
            EngineMatrix.BACKTESTING,
            EngineMatrix.MARKETDATA);

    /** The quant engines of issue #5 (Factor, Toraniko, ML): consumers only, started before the pipeline. */
    public static final List<String> QUANT = List.of(EngineMatrix.FACTOR, EngineMatrix.TORANIKO, EngineMatrix.ML);

    /**
     * Every implemented engine, which is what {@code up} starts, in start order: the quant engines,
     * the pipeline's consumers and the WebSocket engine subscribe before the hub publishes.
     */
    public static final List<String> PLATFORM = java.util.stream.Stream.of(
                    QUANT.stream(),
                    PIPELINE.stream().filter(name -> !name.equals(EngineMatrix.MARKETDATA)),
                    java.util.stream.Stream.of(EngineMatrix.WEBSOCKET, EngineMatrix.MARKETDATA))
            .flatMap(names -> names)
            .toList();

    /** The paper account's name. */
    public static final String ACCOUNT = "paper";

    private static final double BUCKET_VOLUME = 500;

    private EngineCatalog() {}

    /**
     * A new engine with default parameters.
     *
     * @throws IllegalArgumentException for an unknown engine
     */
    public static Engine create(String name) {
        return create(name, PipelineSettings.defaults(), WebSocketSettings.defaults());
    }

    /**
     * A new engine: trading engines with {@code settings}, the WebSocket engine with {@code websocket}.
     *
     * @throws IllegalArgumentException for an unknown engine
     */
    public static Engine create(String name, PipelineSettings settings, WebSocketSettings websocket) {
        EngineMatrix.of(name); // names the known engines when unknown
        return switch (name) {
            case EngineMatrix.WEBSOCKET -> new WebSocketEngine(websocket);
            case EngineMatrix.MARKETDATA -> new MarketDataHub();
            case EngineMatrix.FEATURES -> new FeaturesEngine(FeatureConfig.defaults());
            case EngineMatrix.VPIN -> new VpinEngine(i -> VpinConfig.paper(BUCKET_VOLUME));
            case EngineMatrix.ENHANCED_VPIN -> new EnhancedVpinEngine(i -> EnhancedVpinConfig.defaults(BUCKET_VOLUME));
            case EngineMatrix.STRATEGY ->
                new StrategyEngine(
                        new MovingAverageCrossStrategy(
                                settings.fastPeriod(),
                                settings.slowPeriod(),
                                settings.quantity(),
                                settings.allowShort()),
                        RsiMeanReversionStrategy.classic(BigDecimal.ONE, true));
            case EngineMatrix.PORTFOLIO ->
                new PortfolioEngine(
                        ACCOUNT,
                        StrategyEngine.TRADED,
                        new BigDecimal("10000"),
                        new PaperExecutor(new FeeModel(25), new SlippageModel(2, 1)),
                        new PreTradeRiskCheck(new RiskLimits(5, 5_000, 0.5)));
            case EngineMatrix.RISK -> new RiskEngine(500, 0.2, new FlashCrashDetector(300_000_000L, 0.05));
            case EngineMatrix.COLLATERAL ->
                new CollateralEngine(new MarginCalculator(
                        MarginSchedule.builder(new MarginRates(0.5, 0.3)).build()));
            case EngineMatrix.ANALYTICS -> new AnalyticsEngine(settings.analytics());
            case EngineMatrix.BACKTESTING -> new BacktestingEngine(new BacktestOnRequest());
            case EngineMatrix.FACTOR -> new FactorEngine(FactorConfig.defaults());
            case EngineMatrix.TORANIKO -> new ToranikoEngine(ToranikoConfig.defaults());
            case EngineMatrix.ML -> new MlEngine(MlConfig.defaults());
            default ->
                throw new IllegalStateException(
                        "engine '" + name + "' is in the engine matrix but has no factory here");
        };
    }

    /** New engines with default parameters for the given names, in start order (the hub last). */
    public static List<Engine> create(List<String> names) {
        return create(names, PipelineSettings.defaults(), WebSocketSettings.defaults());
    }

    /** New engines for the given names with {@code settings}, in start order (the hub last). */
    public static List<Engine> create(List<String> names, PipelineSettings settings) {
        return create(names, settings, WebSocketSettings.defaults());
    }

    /** New engines for the given names, in start order (the hub last); the WebSocket engine with these settings. */
    public static List<Engine> create(List<String> names, WebSocketSettings websocket) {
        return create(names, PipelineSettings.defaults(), websocket);
    }

    /**
     * New engines for the given names, in start order (the hub last).
     *
     * @throws IllegalArgumentException naming the first unknown engine, before any engine is built
     */
    public static List<Engine> create(List<String> names, PipelineSettings settings, WebSocketSettings websocket) {
        names.forEach(EngineMatrix::of);
        return PLATFORM.stream()
                .filter(names::contains)
                .map(name -> create(name, settings, websocket))
                .toList();
    }
}
