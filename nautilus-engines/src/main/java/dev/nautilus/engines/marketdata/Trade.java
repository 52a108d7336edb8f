package dev.nautilus.engines.marketdata;

import java.util.Objects;

/**
 * One executed trade as reported by a venue.
 *
 * <p>The record only refuses what cannot be represented at all (a missing instrument or side): a
 * trade with a negative size or a NaN price is still a fact that was reported, and
 * {@link TradeValidator} turns it into a {@link Validation.Rejected} value with a reason instead of
 * an exception, so feeds can count and report bad data rather than crash on it.
 *
 * @param instrument      instrument symbol, e.g. {@code BTCUSD}; never blank
 * @param timestampMicros exchange time, epoch microseconds UTC
 * @param price           price per unit in quote currency
 * @param size            quantity in base units (always positive when valid; direction is {@code side})
 * @param side            aggressor side, {@link Side#UNKNOWN} when not reported
 */
public record Trade(String instrument, long timestampMicros, double price, double size, Side side) {

    public Trade {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        if (instrument.isBlank()) {
            throw new IllegalArgumentException("instrument must not be blank");
        }
    }

    /** A trade whose aggressor side is unknown. */
    public static Trade of(String instrument, long timestampMicros, double price, double size) {
        return new Trade(instrument, timestampMicros, price, size, Side.UNKNOWN);
    }

    /** {@code price * size}, in quote currency. */
    public double notional() {
        return price * size;
    }
}
