package dev.nautilus.engines.marketdata;

/** The latest price of an instrument, as the hub publishes it on {@code price.update.<instrument>}. */
public record PriceUpdate(String instrument, long timestampMicros, double price) {
}
