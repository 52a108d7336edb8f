package dev.nautilus.engines.marketdata;

/**
 * What a finished replay did.
 *
 * @param published trades published
 * @param rejected  trades refused by the {@link TradeValidator} (and rows the reader refused)
 * @param seconds   wall-clock duration
 */
public record ReplayReport(long published, long rejected, double seconds) {
}
