package dev.nautilus.engines.marketdata;

/** Aggressor side of a trade, when the venue reports it. */
public enum Side {
    /** The buyer lifted the offer. */
    BUY,
    /** The seller hit the bid. */
    SELL,
    /** The venue did not say; classify with the tick rule or bulk volume classification. */
    UNKNOWN;

    /** {@code +1} for BUY, {@code -1} for SELL, {@code 0} for UNKNOWN. */
    public int sign() {
        return switch (this) {
            case BUY -> 1;
            case SELL -> -1;
            case UNKNOWN -> 0;
        };
    }
}
