package dev.nautilus.engines.risk;

/**
 * VaR and Expected Shortfall at one confidence level, in the units of the input (returns or P&amp;L),
 * losses positive.
 *
 * @param method             how it was computed
 * @param confidence         e.g. 0.99
 * @param valueAtRisk        loss not exceeded with probability {@code confidence}
 * @param expectedShortfall  mean loss in the tail beyond the VaR; {@code >= valueAtRisk}
 * @param sampleSize         observations used
 */
public record RiskEstimate(
        VarMethod method, double confidence, double valueAtRisk, double expectedShortfall, int sampleSize) {}
