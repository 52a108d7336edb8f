package dev.nautilus.engines.risk;

/**
 * A price fell by at least the threshold from its maximum within the window.
 *
 * @param instrument       instrument symbol
 * @param timestampMicros  time of the price that triggered it
 * @param windowHigh       highest price in the window
 * @param windowHighMicros when that price traded
 * @param price            the triggering price
 * @param drop             {@code (windowHigh - price) / windowHigh}
 */
public record FlashCrashAlert(
        String instrument, long timestampMicros, double windowHigh, long windowHighMicros, double price, double drop) {}
