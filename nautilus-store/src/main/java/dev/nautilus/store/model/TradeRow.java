package dev.nautilus.store.model;

import java.time.Instant;

/**
 * One executed trade on a venue. Prices and sizes are {@code double}: trades feed statistics
 * (bars, VWAP, VPIN), and a double holds the 8–12 significant digits exchanges publish exactly
 * enough for that; cash and positions use {@link java.math.BigDecimal} elsewhere.
 *
 * @param ts      trade time
 * @param symbol  instrument, e.g. {@code BTCUSD}
 * @param tradeId venue sequence number, unique per symbol; orders trades that share a timestamp
 * @param price   trade price, finite and &gt; 0
 * @param size    traded quantity, finite and &gt;= 0
 * @param side    aggressor side
 */
public record TradeRow(Instant ts, String symbol, long tradeId, double price, double size, SideCode side)
        implements StoredRecord {

    public TradeRow {
        ts = Require.time(ts, "ts");
        Require.text(symbol, "symbol");
        Require.nonNegative(tradeId, "tradeId");
        Require.positive(price, "price");
        Require.nonNegative(size, "size");
        Require.present(side, "side");
    }
}
