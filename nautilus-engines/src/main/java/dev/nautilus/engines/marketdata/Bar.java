package dev.nautilus.engines.marketdata;

import java.util.Objects;

/**
 * An OHLCV bar over the half-open interval {@code [startMicros, endMicros)}.
 *
 * @param instrument  instrument symbol
 * @param startMicros inclusive start, epoch microseconds
 * @param endMicros   exclusive end, epoch microseconds; {@code > startMicros}
 * @param open        first trade price
 * @param high        highest trade price
 * @param low         lowest trade price
 * @param close       last trade price
 * @param volume      total traded size; {@code >= 0}
 * @param vwap        volume-weighted average price, {@code Σ p·v / Σ v}; equals {@code close} when
 *                    the source does not provide it (daily bars loaded from a file)
 * @param tradeCount  number of trades in the bar; 0 when the source does not say
 */
public record Bar(
        String instrument,
        long startMicros,
        long endMicros,
        double open,
        double high,
        double low,
        double close,
        double volume,
        double vwap,
        long tradeCount) {

    public Bar {
        Objects.requireNonNull(instrument, "instrument");
        if (endMicros <= startMicros) {
            throw new IllegalArgumentException(
                    "endMicros (" + endMicros + ") must be > startMicros (" + startMicros + ")");
        }
        for (double p : new double[] {open, high, low, close, vwap}) {
            if (!Double.isFinite(p) || p <= 0) {
                throw new IllegalArgumentException("prices must be finite and > 0: open=" + open + " high=" + high
                        + " low=" + low + " close=" + close + " vwap=" + vwap);
            }
        }
        if (high < Math.max(open, close) || low > Math.min(open, close) || low > high) {
            throw new IllegalArgumentException(
                    "inconsistent OHLC: open=" + open + " high=" + high + " low=" + low + " close=" + close);
        }
        if (!Double.isFinite(volume) || volume < 0) {
            throw new IllegalArgumentException("volume must be finite and >= 0, was " + volume);
        }
        if (tradeCount < 0) {
            throw new IllegalArgumentException("tradeCount must be >= 0, was " + tradeCount);
        }
    }
}
