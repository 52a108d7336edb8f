package dev.nautilus.app.engines;

import dev.nautilus.engines.analytics.AnalyticsConfig;
import dev.nautilus.engines.strategy.StrategyEngine;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * The pipeline parameters a backtest may vary; every other engine parameter is {@link EngineCatalog}'s.
 *
 * @param strategy  the traded strategy and its parameters
 * @param analytics how Analytics annualises and groups returns (depends on the bar length)
 */
public record PipelineSettings(StrategyChoice strategy, AnalyticsConfig analytics) {

    public PipelineSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(analytics, "analytics");
    }

    /**
     * The default strategy, the VPIN-filtered MA cross, with these parameters.
     *
     * @param fastPeriod fast SMA period, {@code >= 2}
     * @param slowPeriod slow SMA period, {@code > fastPeriod}
     * @param quantity   position size traded, {@code > 0}
     * @param allowShort short below the slow average (else flat)
     */
    public PipelineSettings(
            int fastPeriod, int slowPeriod, BigDecimal quantity, boolean allowShort, AnalyticsConfig analytics) {
        this(maCross(fastPeriod, slowPeriod, quantity, allowShort), analytics);
    }

    private static StrategyChoice maCross(int fast, int slow, BigDecimal quantity, boolean allowShort) {
        if (fast < 2 || slow <= fast) {
            throw new IllegalArgumentException("need 2 <= fast < slow, was fast=" + fast + " slow=" + slow);
        }
        Objects.requireNonNull(quantity, "quantity");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be > 0, was " + quantity);
        }
        return StrategyChoice.of(
                StrategyEngine.TRADED,
                Map.of(
                        "fast",
                        Integer.toString(fast),
                        "slow",
                        Integer.toString(slow),
                        "quantity",
                        quantity.toPlainString(),
                        "short",
                        Boolean.toString(allowShort)));
    }

    /** The running platform's parameters: MA cross 10/30 on one-minute bars, 1 unit, shorts allowed. */
    public static PipelineSettings defaults() {
        return new PipelineSettings(10, 30, BigDecimal.ONE, true, AnalyticsConfig.minuteBars());
    }

    /** Fast SMA period of an MA-cross strategy. */
    public int fastPeriod() {
        return Integer.parseInt(require("fast"));
    }

    /** Slow SMA period of an MA-cross strategy. */
    public int slowPeriod() {
        return Integer.parseInt(require("slow"));
    }

    /** Position size traded, when the strategy has a {@code quantity} parameter. */
    public BigDecimal quantity() {
        return new BigDecimal(require("quantity"));
    }

    /** Whether the strategy may go short, when it has a {@code short} parameter. */
    public boolean allowShort() {
        String value = require("short").toLowerCase(java.util.Locale.ROOT);
        return value.equals("true") || value.equals("yes");
    }

    /** The same settings with other SMA periods. */
    public PipelineSettings withPeriods(int fast, int slow) {
        return withParameters(Map.of("fast", Integer.toString(fast), "slow", Integer.toString(slow)));
    }

    /** The same strategy with some parameters changed. */
    public PipelineSettings withParameters(Map<String, String> changed) {
        return new PipelineSettings(strategy.with(changed), analytics);
    }

    /** The same settings with another strategy. */
    public PipelineSettings withStrategy(StrategyChoice other) {
        return new PipelineSettings(other, analytics);
    }

    /** The same settings with another analytics configuration. */
    public PipelineSettings withAnalytics(AnalyticsConfig config) {
        return new PipelineSettings(strategy, config);
    }

    private String require(String key) {
        String value = strategy.parameter(key);
        if (value == null) {
            throw new IllegalStateException("strategy " + strategy.name() + " has no parameter " + key);
        }
        return value;
    }
}
