package dev.nautilus.engines.strategy;

import java.math.BigDecimal;

/** Shared argument checks. */
final class StrategyInputs {

    private StrategyInputs() {}

    static void requirePrice(double price) {
        if (!Double.isFinite(price) || price <= 0) {
            throw new IllegalArgumentException("price must be finite and > 0, was " + price);
        }
    }

    static BigDecimal requirePositiveQuantity(BigDecimal quantity) {
        if (quantity == null || quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be > 0, was " + quantity);
        }
        return quantity;
    }
}
