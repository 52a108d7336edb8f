package dev.nautilus.engines.marketdata;

/**
 * The hub's last values of an instrument; a field is {@code null} when none was seen.
 *
 * @param instrument instrument symbol
 * @param trade      latest trade
 * @param bar        latest completed bar
 */
public record MarketSnapshot(String instrument, Trade trade, Bar bar) {

    /** Whether the hub had anything for the instrument. */
    public boolean found() {
        return trade != null || bar != null;
    }
}
