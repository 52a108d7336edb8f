/**
 * Margin: initial and maintenance margin per position from configurable rates, utilisation, and
 * margin calls. Amounts are {@link java.math.BigDecimal} like the portfolio's cash (they are
 * compared with its equity); rates and utilisation are {@code double}, converted to BigDecimal
 * with {@link java.math.BigDecimal#valueOf(double)} before multiplying, so margins are exact
 * products.
 */
package dev.nautilus.engines.collateral;
