package dev.nautilus.engines.marketdata;

import java.util.Objects;

/** Outcome of validating one trade: accepted, or rejected with a reason naming the bad field. */
public sealed interface Validation permits Validation.Accepted, Validation.Rejected {

    /** The trade under judgement. */
    Trade trade();

    /** True for {@link Accepted}. */
    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    /** The trade is usable. */
    record Accepted(Trade trade) implements Validation {
        public Accepted {
            Objects.requireNonNull(trade, "trade");
        }
    }

    /**
     * The trade is not usable.
     *
     * @param trade  the trade as reported
     * @param reason machine-readable cause
     * @param detail human-readable sentence naming the field and value
     */
    record Rejected(Trade trade, Reason reason, String detail) implements Validation {
        public Rejected {
            Objects.requireNonNull(trade, "trade");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a trade was rejected; each names the field at fault. */
    enum Reason {
        /** {@code price} is NaN or infinite. */
        PRICE_NOT_FINITE,
        /** {@code price} is zero or negative. */
        PRICE_NOT_POSITIVE,
        /** {@code size} is NaN or infinite. */
        SIZE_NOT_FINITE,
        /** {@code size} is zero or negative. */
        SIZE_NOT_POSITIVE,
        /** {@code timestampMicros} is earlier than the previous accepted trade of the instrument. */
        TIMESTAMP_BACKWARDS
    }
}
