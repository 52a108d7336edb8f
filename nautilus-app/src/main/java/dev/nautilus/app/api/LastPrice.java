package dev.nautilus.app.api;

/**
 * The last traded price of an instrument seen on the bus.
 *
 * @param instrument      the symbol, e.g. {@code BTCUSD}
 * @param price           last trade price
 * @param timestampMicros trade time, microseconds since the epoch
 * @param trades          trades of this instrument seen since the API started
 */
public record LastPrice(String instrument, double price, long timestampMicros, long trades) {}
