package dev.nautilus.engines.risk;

/**
 * Drawdown state after an equity observation. Fractions are of the running peak:
 * {@code (peak - equity) / peak}, in [0, ∞) (above 1 only if equity went negative).
 *
 * @param peak                 highest equity seen
 * @param peakMicros           when it was reached
 * @param current              current drawdown fraction
 * @param maximum              largest drawdown fraction seen
 * @param maximumPeakMicros    start (peak) of the largest drawdown
 * @param maximumTroughMicros  bottom (trough) of the largest drawdown
 */
public record Drawdown(
        double peak,
        long peakMicros,
        double current,
        double maximum,
        long maximumPeakMicros,
        long maximumTroughMicros) {}
