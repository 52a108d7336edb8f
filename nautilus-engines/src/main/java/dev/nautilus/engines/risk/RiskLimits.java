package dev.nautilus.engines.risk;

/**
 * Pre-trade limits.
 *
 * @param maxPositionQuantity largest absolute position in any instrument, base units
 * @param maxOrderNotional    largest notional of one order, {@code |Δqty|·price}
 * @param maxConcentration    largest share of equity in one instrument, {@code |qty|·price / equity}
 */
public record RiskLimits(double maxPositionQuantity, double maxOrderNotional, double maxConcentration) {
    public RiskLimits {
        if (!(maxPositionQuantity > 0) || !(maxOrderNotional > 0) || !(maxConcentration > 0)) {
            throw new IllegalArgumentException("limits must be > 0: maxPositionQuantity=" + maxPositionQuantity
                    + " maxOrderNotional=" + maxOrderNotional + " maxConcentration=" + maxConcentration);
        }
    }
}
