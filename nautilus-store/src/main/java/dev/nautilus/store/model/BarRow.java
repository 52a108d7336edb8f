package dev.nautilus.store.model;

import java.time.Instant;

/**
 * An OHLCV bar as published (e.g. by the MarketData hub) and stored in the {@code bars} table, for
 * one of the stored {@link BarInterval}s. Bars computed by a query from trades, for any interval, are
 * {@link OhlcvBar}s instead.
 *
 * @param ts       bar open time (start of the bucket)
 * @param symbol   instrument
 * @param interval bar length
 * @param open     first price
 * @param high     highest price
 * @param low      lowest price
 * @param close    last price
 * @param volume   summed size
 * @param trades   number of trades in the bar
 */
public record BarRow(
        Instant ts,
        String symbol,
        BarInterval interval,
        double open,
        double high,
        double low,
        double close,
        double volume,
        long trades)
        implements StoredRecord {

    public BarRow {
        ts = Require.time(ts, "ts");
        Require.text(symbol, "symbol");
        Require.present(interval, "interval");
        Require.positive(open, "open");
        Require.positive(high, "high");
        Require.positive(low, "low");
        Require.positive(close, "close");
        Require.nonNegative(volume, "volume");
        Require.nonNegative(trades, "trades");
        if (high < low) {
            throw new IllegalArgumentException("high must be >= low, was high=" + high + " low=" + low);
        }
    }
}
