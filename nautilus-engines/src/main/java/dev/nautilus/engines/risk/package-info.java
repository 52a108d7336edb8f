/**
 * Risk: pre-trade limits, Value-at-Risk and Expected Shortfall, drawdown, flash-crash detection.
 *
 * <p>Conventions: <b>losses are positive</b> (a VaR of 0.02 on returns means "a 2% loss");
 * confidence levels are the probability of <em>not</em> exceeding the VaR (0.95, 0.99). Risk
 * figures are {@code double} statistics; limits are compared with quantities and notionals
 * converted to {@code double} (exact for quantities below 2^53 units and far more precise than any
 * limit is meant to be).
 */
package dev.nautilus.engines.risk;
