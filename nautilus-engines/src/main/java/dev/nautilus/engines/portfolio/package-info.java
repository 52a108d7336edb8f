/**
 * Paper execution and accounting: fills with fees and slippage, positions by the average-cost
 * method, cash, realised and unrealised P&amp;L.
 *
 * <p><b>Number types.</b> Cash, quantities, prices of fills, costs and P&amp;L are
 * {@link java.math.BigDecimal}. We chose it over {@code long} fixed-point because the products
 * {@code quantity × price} (8 + 8 decimals for crypto) overflow a fixed-point {@code long} at
 * realistic sizes, and because BigDecimal makes the accounting identity
 * {@code equity = initial cash + realised + unrealised - fees} hold <em>exactly</em>, which the tests
 * assert. Multiplications are exact; the only roundings are stated where they happen (execution
 * price and fee to 8 decimals, partial-close cost to 8 decimals, {@link java.math.RoundingMode#HALF_EVEN}).
 * Market prices arrive as {@code double} and are converted with {@link java.math.BigDecimal#valueOf(double)}.
 * Execution happens per signal, not per tick, so BigDecimal's cost is irrelevant here.
 */
package dev.nautilus.engines.portfolio;
