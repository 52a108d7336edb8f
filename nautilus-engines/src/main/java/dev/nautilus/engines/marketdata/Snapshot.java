package dev.nautilus.engines.marketdata;

/**
 * The hub's answer to a snapshot request on {@code market_data.snapshot.<instrument>}.
 *
 * @param instrument the instrument asked for
 * @param lastTrade  its latest trade, or {@code null} when the hub has seen none
 */
public record Snapshot(String instrument, Trade lastTrade) {
}
