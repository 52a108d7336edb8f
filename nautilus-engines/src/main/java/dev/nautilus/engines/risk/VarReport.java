package dev.nautilus.engines.risk;

/**
 * Historical and parametric VaR/ES at 95% and 99% for one sample.
 *
 * @param historical95 historical at 95%
 * @param historical99 historical at 99%
 * @param parametric95 parametric normal at 95%
 * @param parametric99 parametric normal at 99%
 */
public record VarReport(
        RiskEstimate historical95, RiskEstimate historical99, RiskEstimate parametric95, RiskEstimate parametric99) {}
