package dev.nautilus.engines.marketdata;

/**
 * Asks the hub for the latest values of an instrument (type {@code SYSTEM_COORDINATION}, topic
 * {@code market_data.snapshot.<instrument>}); answered with a {@link MarketSnapshot}.
 *
 * @param instrument instrument symbol
 */
public record SnapshotRequest(String instrument) {}
