package dev.nautilus.store.model;

/** Aggressor or order side; {@link #UNKNOWN} when a feed does not say (e.g. Bitstamp's trade file). */
public enum SideCode {
    BUY,
    SELL,
    UNKNOWN
}
