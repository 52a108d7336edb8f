package dev.nautilus.engines.marketdata;

import java.util.HashMap;
import java.util.Map;

/**
 * Checks trades one by one: finite positive price, finite positive size, and per-instrument
 * timestamps that never go backwards (equal timestamps are fine: venues stamp many fills of one
 * order with the same time).
 *
 * <p>Only accepted trades advance the per-instrument clock, so one trade stamped in the past is
 * rejected on its own without disturbing the trades after it. Not thread-safe: one validator per
 * feed (single writer).
 */
public final class TradeValidator {

    private final Map<String, Long> lastTimestampByInstrument = new HashMap<>();
    private long accepted;
    private long rejected;

    /** Validates {@code trade} and, if accepted, records its timestamp for its instrument. */
    public Validation validate(Trade trade) {
        Validation result = check(trade);
        if (result instanceof Validation.Accepted) {
            lastTimestampByInstrument.put(trade.instrument(), trade.timestampMicros());
            accepted++;
        } else {
            rejected++;
        }
        return result;
    }

    private Validation check(Trade t) {
        if (!Double.isFinite(t.price())) {
            return new Validation.Rejected(
                    t, Validation.Reason.PRICE_NOT_FINITE, "price must be finite, was " + t.price());
        }
        if (t.price() <= 0) {
            return new Validation.Rejected(
                    t, Validation.Reason.PRICE_NOT_POSITIVE, "price must be > 0, was " + t.price());
        }
        if (!Double.isFinite(t.size())) {
            return new Validation.Rejected(
                    t, Validation.Reason.SIZE_NOT_FINITE, "size must be finite, was " + t.size());
        }
        if (t.size() <= 0) {
            return new Validation.Rejected(t, Validation.Reason.SIZE_NOT_POSITIVE, "size must be > 0, was " + t.size());
        }
        Long last = lastTimestampByInstrument.get(t.instrument());
        if (last != null && t.timestampMicros() < last) {
            return new Validation.Rejected(
                    t,
                    Validation.Reason.TIMESTAMP_BACKWARDS,
                    "timestampMicros " + t.timestampMicros() + " is before the previous accepted " + last + " for "
                            + t.instrument());
        }
        return new Validation.Accepted(t);
    }

    /** Number of trades accepted so far. */
    public long acceptedCount() {
        return accepted;
    }

    /** Number of trades rejected so far. */
    public long rejectedCount() {
        return rejected;
    }
}
