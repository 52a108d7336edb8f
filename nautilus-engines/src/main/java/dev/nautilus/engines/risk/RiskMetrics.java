package dev.nautilus.engines.risk;

/**
 * Risk of the paper account after a portfolio update ({@code RISK_METRIC}, topic
 * {@code risk.metric.<account>}). Fractions of equity; {@code null} while the return sample is too
 * small for VaR/ES.
 *
 * @param account         account name
 * @param timestampMicros when
 * @param equity          equity
 * @param drawdown        current drawdown from peak, [0, 1]
 * @param maxDrawdown     maximum drawdown so far, [0, 1]
 * @param historicalVar95 historical one-bar VaR at 95%
 * @param historicalEs95  historical one-bar Expected Shortfall at 95%
 * @param parametricVar99 parametric (normal) one-bar VaR at 99%
 * @param parametricEs99  parametric (normal) one-bar Expected Shortfall at 99%
 * @param sampleSize      equity returns in the window
 */
public record RiskMetrics(
        String account,
        long timestampMicros,
        double equity,
        double drawdown,
        double maxDrawdown,
        Double historicalVar95,
        Double historicalEs95,
        Double parametricVar99,
        Double parametricEs99,
        int sampleSize) {}
