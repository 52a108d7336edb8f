package dev.nautilus.engines.toraniko;

/**
 * Factor and residual returns of one period's cross-section.
 *
 * @param factorReturns market, then one per sector, then one per style
 * @param residuals     specific return per asset, in input order
 */
public record PeriodEstimate(double[] factorReturns, double[] residuals) {}
