package dev.nautilus.engines.collateral;

import java.math.BigDecimal;

/**
 * Margin of one position.
 *
 * @param instrument  instrument symbol
 * @param notional    {@code |quantity|·price}
 * @param initial     {@code notional · initial rate}
 * @param maintenance {@code notional · maintenance rate}
 */
public record PositionMargin(String instrument, BigDecimal notional, BigDecimal initial, BigDecimal maintenance) {}
