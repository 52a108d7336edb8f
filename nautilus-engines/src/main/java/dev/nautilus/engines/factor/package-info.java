/**
 * The Factor engine: cross-sectional exposures of a universe to momentum, volatility, liquidity and
 * size, winsorised and standardised at each rebalance. {@code double} statistics.
 */
package dev.nautilus.engines.factor;
