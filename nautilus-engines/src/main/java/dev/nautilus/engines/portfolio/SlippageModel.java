package dev.nautilus.engines.portfolio;

import java.math.BigDecimal;

/**
 * Slippage as a price concession that grows with order size:
 * {@code slippageBps = fixedBps + impactBpsPerMillion · |notional| / 1,000,000}, and the fill price
 * is {@code reference · (1 + bps/10⁴)} for a buy, {@code reference · (1 - bps/10⁴)} for a sell,
 * rounded to 8 decimals. Linear impact in notional is the simplest size-aware model; the square-root
 * law fits real markets better but needs daily volume, which paper trading may not have.
 *
 * @param fixedBps            half-spread-like cost paid on every order, {@code >= 0}
 * @param impactBpsPerMillion extra bps per million of quote currency traded, {@code >= 0}
 */
public record SlippageModel(double fixedBps, double impactBpsPerMillion) {

    public SlippageModel {
        if (!Double.isFinite(fixedBps)
                || fixedBps < 0
                || !Double.isFinite(impactBpsPerMillion)
                || impactBpsPerMillion < 0) {
            throw new IllegalArgumentException("fixedBps and impactBpsPerMillion must be finite and >= 0: " + fixedBps
                    + ", " + impactBpsPerMillion);
        }
    }

    /** No slippage. */
    public static SlippageModel none() {
        return new SlippageModel(0, 0);
    }

    /** Slippage in bps for an order of {@code quantity} (signed) at {@code reference}. */
    public double bps(BigDecimal quantity, BigDecimal reference) {
        double notional = quantity.abs().multiply(reference).doubleValue();
        return fixedBps + impactBpsPerMillion * notional / 1_000_000.0;
    }

    /** Fill price for a signed {@code quantity} (positive buys) at {@code reference}; always {@code > 0}. */
    public BigDecimal fillPrice(BigDecimal quantity, BigDecimal reference) {
        double bps = bps(quantity, reference);
        if (quantity.signum() < 0 && bps >= 10_000) {
            throw new IllegalArgumentException("slippage of " + bps + " bps would make the sell price non-positive");
        }
        BigDecimal factor =
                BigDecimal.ONE.add(BigDecimal.valueOf(quantity.signum() * bps).movePointLeft(4));
        return Money.round(reference.multiply(factor));
    }
}
