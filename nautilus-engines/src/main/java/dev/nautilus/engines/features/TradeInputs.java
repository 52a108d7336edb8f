package dev.nautilus.engines.features;

/** Shared argument checks for trade-fed features. */
final class TradeInputs {

    private TradeInputs() {}

    static void require(double price, double size) {
        if (!Double.isFinite(price) || price <= 0) {
            throw new IllegalArgumentException("price must be finite and > 0, was " + price);
        }
        if (!Double.isFinite(size) || size <= 0) {
            throw new IllegalArgumentException("size must be finite and > 0, was " + size);
        }
    }
}
