package dev.nautilus.app.engines;

import dev.nautilus.engines.analytics.AnalyticsConfig;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The pipeline parameters a backtest may vary; every other engine parameter is {@link EngineCatalog}'s.
 *
 * @param fastPeriod fast SMA period of the traded moving-average cross, {@code >= 2}
 * @param slowPeriod slow SMA period, {@code > fastPeriod}
 * @param quantity   position size traded, {@code > 0}
 * @param allowShort short below the slow average (else flat)
 * @param analytics  how Analytics annualises and groups returns (depends on the bar length)
 */
public record PipelineSettings(
        int fastPeriod, int slowPeriod, BigDecimal quantity, boolean allowShort, AnalyticsConfig analytics) {

    public PipelineSettings {
        if (fastPeriod < 2 || slowPeriod <= fastPeriod) {
            throw new IllegalArgumentException("need 2 <= fast < slow, was fast=" + fastPeriod + " slow=" + slowPeriod);
        }
        Objects.requireNonNull(quantity, "quantity");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be > 0, was " + quantity);
        }
        Objects.requireNonNull(analytics, "analytics");
    }

    /** The running platform's parameters: MA cross 10/30 on one-minute bars, 1 unit, shorts allowed. */
    public static PipelineSettings defaults() {
        return new PipelineSettings(10, 30, BigDecimal.ONE, true, AnalyticsConfig.minuteBars());
    }

    /** The same settings with other SMA periods. */
    public PipelineSettings withPeriods(int fast, int slow) {
        return new PipelineSettings(fast, slow, quantity, allowShort, analytics);
    }

    /** The same settings with another analytics configuration. */
    public PipelineSettings withAnalytics(AnalyticsConfig config) {
        return new PipelineSettings(fastPeriod, slowPeriod, quantity, allowShort, config);
    }
}
