package dev.nautilus.engines.portfolio;

import java.math.BigDecimal;

/**
 * Proportional fee: {@code fee = |notional| · bps / 10,000}, rounded to 8 decimals.
 *
 * @param bps fee rate in basis points, {@code >= 0} (Bitstamp's 2013 taker fee was 50 bps)
 */
public record FeeModel(double bps) {

    public FeeModel {
        if (!Double.isFinite(bps) || bps < 0) {
            throw new IllegalArgumentException("bps must be finite and >= 0, was " + bps);
        }
    }

    /** Fee on {@code notional} (sign ignored). */
    public BigDecimal fee(BigDecimal notional) {
        return Money.round(notional.abs().multiply(BigDecimal.valueOf(bps)).movePointLeft(4));
    }
}
