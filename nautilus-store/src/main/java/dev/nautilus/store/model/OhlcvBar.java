package dev.nautilus.store.model;

import java.time.Instant;

/**
 * A bar computed by a query from stored trades, for any bucket length. Not a stored row.
 *
 * @param start  bucket start, aligned to the Unix epoch
 * @param open   price of the first trade in the bucket (by time, then trade id)
 * @param high   highest price
 * @param low    lowest price
 * @param close  price of the last trade in the bucket (by time, then trade id)
 * @param volume summed size
 * @param vwap   volume-weighted average price; the plain average when the volume is zero
 * @param trades number of trades
 */
public record OhlcvBar(
        Instant start, double open, double high, double low, double close, double volume, double vwap, long trades) {}
