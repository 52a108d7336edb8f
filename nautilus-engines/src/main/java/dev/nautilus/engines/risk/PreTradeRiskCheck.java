package dev.nautilus.engines.risk;

import java.util.Objects;

/**
 * Checks a move from the current to a target position against {@link RiskLimits}.
 *
 * <p>An order that only <em>reduces</em> risk — the target is on the same side as (or flat from)
 * the current position and no larger — is always approved: a limit must never stop you getting
 * out. Otherwise the limits are checked in order: order notional, position quantity, then
 * concentration; the first breach is reported. With non-positive equity every risk-increasing
 * order is rejected.
 */
public final class PreTradeRiskCheck {

    private final RiskLimits limits;

    /** @param limits the limits to enforce */
    public PreTradeRiskCheck(RiskLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @param instrument      instrument symbol
     * @param currentQuantity signed current position
     * @param targetQuantity  signed target position
     * @param price           reference price, finite and {@code > 0}
     * @param equity          account equity
     */
    public RiskDecision check(
            String instrument, double currentQuantity, double targetQuantity, double price, double equity) {
        Objects.requireNonNull(instrument, "instrument");
        if (!Double.isFinite(currentQuantity) || !Double.isFinite(targetQuantity)) {
            throw new IllegalArgumentException(
                    "currentQuantity and targetQuantity must be finite: " + currentQuantity + ", " + targetQuantity);
        }
        if (!Double.isFinite(price) || price <= 0) {
            throw new IllegalArgumentException("price must be finite and > 0, was " + price);
        }
        if (!Double.isFinite(equity)) {
            throw new IllegalArgumentException("equity must be finite, was " + equity);
        }
        boolean reduces = Math.abs(targetQuantity) <= Math.abs(currentQuantity)
                && (targetQuantity == 0 || Math.signum(targetQuantity) == Math.signum(currentQuantity));
        if (reduces) {
            return new RiskDecision.Approved("reduces risk in " + instrument);
        }
        double orderNotional = Math.abs(targetQuantity - currentQuantity) * price;
        if (orderNotional > limits.maxOrderNotional()) {
            return reject("maxOrderNotional", orderNotional, limits.maxOrderNotional(), instrument + " order notional");
        }
        if (Math.abs(targetQuantity) > limits.maxPositionQuantity()) {
            return reject(
                    "maxPositionQuantity",
                    Math.abs(targetQuantity),
                    limits.maxPositionQuantity(),
                    instrument + " |target position|");
        }
        if (equity <= 0) {
            return new RiskDecision.Rejected("equity", equity, 0, "equity " + equity + " is not positive: no new risk");
        }
        double concentration = Math.abs(targetQuantity) * price / equity;
        if (concentration > limits.maxConcentration()) {
            return reject(
                    "maxConcentration", concentration, limits.maxConcentration(), instrument + " share of equity");
        }
        return new RiskDecision.Approved("within limits");
    }

    private static RiskDecision reject(String limit, double value, double bound, String what) {
        return new RiskDecision.Rejected(limit, value, bound, what + " " + value + " exceeds " + limit + " " + bound);
    }
}
