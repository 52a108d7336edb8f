package dev.nautilus.engines.marketdata;

import java.util.Objects;

/**
 * Top of book for one instrument.
 *
 * <p>Validated on construction because a quote, unlike a trade, has no downstream validator: prices
 * must be finite and positive, sizes finite and non-negative. A crossed book ({@code bid > ask}) is
 * allowed because venues do briefly publish one; {@link #isCrossed()} says so.
 *
 * @param instrument      instrument symbol
 * @param timestampMicros epoch microseconds UTC
 * @param bidPrice        best bid
 * @param bidSize         size at the best bid
 * @param askPrice        best ask
 * @param askSize         size at the best ask
 */
public record Quote(
        String instrument, long timestampMicros, double bidPrice, double bidSize, double askPrice, double askSize) {

    public Quote {
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.isBlank()) {
            throw new IllegalArgumentException("instrument must not be blank");
        }
        requirePositive("bidPrice", bidPrice);
        requirePositive("askPrice", askPrice);
        requireNonNegative("bidSize", bidSize);
        requireNonNegative("askSize", askSize);
    }

    /** Mid price {@code (bid + ask) / 2}. */
    public double mid() {
        return (bidPrice + askPrice) / 2.0;
    }

    /** {@code ask - bid}; negative when the book is crossed. */
    public double spread() {
        return askPrice - bidPrice;
    }

    /** True when the best bid is above the best ask. */
    public boolean isCrossed() {
        return bidPrice > askPrice;
    }

    private static void requirePositive(String field, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(field + " must be finite and > 0, was " + value);
        }
    }

    private static void requireNonNegative(String field, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(field + " must be finite and >= 0, was " + value);
        }
    }
}
