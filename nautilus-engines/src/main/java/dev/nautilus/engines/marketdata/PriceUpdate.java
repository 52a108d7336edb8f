package dev.nautilus.engines.marketdata;

/**
 * A price of an instrument at a moment ({@code PRICE_UPDATE}, topic {@code price.update.<instrument>}).
 *
 * @param instrument      instrument symbol
 * @param timestampMicros when, epoch microseconds
 * @param price           the price
 */
public record PriceUpdate(String instrument, long timestampMicros, double price) {}
