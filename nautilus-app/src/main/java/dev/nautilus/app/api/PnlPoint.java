package dev.nautilus.app.api;

import java.math.BigDecimal;

/**
 * One point of an account's P&amp;L history, from a {@code PORTFOLIO_UPDATE}. Cash amounts stay
 * {@link BigDecimal} as the portfolio engine computed them.
 */
public record PnlPoint(
        String account,
        long timestampMicros,
        BigDecimal equity,
        BigDecimal realised,
        BigDecimal unrealised,
        BigDecimal fees) {}
