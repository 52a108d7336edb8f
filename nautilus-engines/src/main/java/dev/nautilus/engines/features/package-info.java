/**
 * Per-instrument features, each updated in O(1) (amortised O(1) for the time-windowed ones) per
 * input: returns, rolling volatility, SMA, EMA, RSI, VWAP and trade-flow imbalance.
 *
 * <p>All are {@code double} statistics. Indicators say "not ready" ({@code isReady() == false},
 * value {@code NaN}) until their window is full, rather than returning a number computed from too
 * few points. Each class is single-writer and not thread-safe.
 */
package dev.nautilus.engines.features;
