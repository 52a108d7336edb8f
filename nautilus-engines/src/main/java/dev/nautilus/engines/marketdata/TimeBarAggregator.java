package dev.nautilus.engines.marketdata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Aggregates trades into time bars of a fixed interval, per instrument.
 *
 * <p>Intervals are aligned to the epoch: a trade at {@code t} belongs to the bar starting at
 * {@code floor(t / interval) * interval}. A bar is complete when the first trade of a later interval
 * arrives (or on {@link #flush}), so {@link #onTrade} returns at most one completed bar.
 *
 * <p><b>Gaps:</b> an interval with no trades produces <em>no bar</em> — not a zero-volume bar
 * carrying the previous close. Consumers that need a regular grid must fill it themselves; the
 * timestamps of consecutive bars tell them how many intervals were empty. We chose this because
 * a synthetic flat bar invents a price nobody traded at, and would bias volatility down.
 *
 * <p>Trades must be valid (see {@link TradeValidator}); an invalid one, or one earlier than the
 * instrument's open bar, is refused with {@link IllegalArgumentException}. Not thread-safe.
 */
public final class TimeBarAggregator {

    private final long intervalMicros;
    private final Map<String, OpenBar> open = new HashMap<>();

    /** @param intervalMicros bar length in microseconds, {@code > 0} */
    public TimeBarAggregator(long intervalMicros) {
        if (intervalMicros <= 0) {
            throw new IllegalArgumentException("intervalMicros must be > 0, was " + intervalMicros);
        }
        this.intervalMicros = intervalMicros;
    }

    /** Bar length in microseconds. */
    public long intervalMicros() {
        return intervalMicros;
    }

    /**
     * Adds a trade; returns the bar it completed, if the trade opened a new interval.
     *
     * @throws IllegalArgumentException if the trade is invalid or earlier than the open bar
     */
    public Optional<Bar> onTrade(Trade trade) {
        if (!Double.isFinite(trade.price()) || trade.price() <= 0) {
            throw new IllegalArgumentException("trade price must be finite and > 0, was " + trade.price());
        }
        if (!Double.isFinite(trade.size()) || trade.size() <= 0) {
            throw new IllegalArgumentException("trade size must be finite and > 0, was " + trade.size());
        }
        long start = Math.floorDiv(trade.timestampMicros(), intervalMicros) * intervalMicros;
        OpenBar bar = open.get(trade.instrument());
        if (bar == null) {
            open.put(trade.instrument(), new OpenBar(trade, start));
            return Optional.empty();
        }
        if (start < bar.start) {
            throw new IllegalArgumentException("trade at " + trade.timestampMicros()
                    + " is before the open bar starting " + bar.start + " for " + trade.instrument());
        }
        if (start == bar.start) {
            bar.add(trade);
            return Optional.empty();
        }
        open.put(trade.instrument(), new OpenBar(trade, start));
        return Optional.of(bar.toBar(trade.instrument(), intervalMicros));
    }

    /** Completes and returns the open bar of {@code instrument}, if any (end of replay). */
    public Optional<Bar> flush(String instrument) {
        OpenBar bar = open.remove(instrument);
        return bar == null ? Optional.empty() : Optional.of(bar.toBar(instrument, intervalMicros));
    }

    /** Completes every open bar, in instrument order (deterministic for replays). */
    public List<Bar> flushAll() {
        List<Bar> bars = new ArrayList<>();
        for (Map.Entry<String, OpenBar> e : new TreeMap<>(open).entrySet()) {
            bars.add(e.getValue().toBar(e.getKey(), intervalMicros));
        }
        open.clear();
        return bars;
    }

    /** The open bars by instrument, exact (see {@link #restore}). */
    public Map<String, OpenBarState> state() {
        Map<String, OpenBarState> state = new TreeMap<>();
        open.forEach((instrument, bar) -> state.put(instrument, bar.state()));
        return state;
    }

    /** Replaces the open bars with {@code state}, as {@link #state} gave it. */
    public void restore(Map<String, OpenBarState> state) {
        open.clear();
        state.forEach((instrument, bar) -> open.put(instrument, new OpenBar(bar)));
    }

    /** An open bar's running figures. */
    public record OpenBarState(
            long start,
            double open,
            double high,
            double low,
            double close,
            double volume,
            double priceVolume,
            long count) {}

    private static final class OpenBar {
        final long start;
        final double open;
        double high;
        double low;
        double close;
        double volume;
        double priceVolume;
        long count;

        OpenBar(Trade first, long start) {
            this.start = start;
            this.open = first.price();
            this.high = first.price();
            this.low = first.price();
            add(first);
        }

        OpenBar(OpenBarState s) {
            this.start = s.start();
            this.open = s.open();
            this.high = s.high();
            this.low = s.low();
            this.close = s.close();
            this.volume = s.volume();
            this.priceVolume = s.priceVolume();
            this.count = s.count();
        }

        OpenBarState state() {
            return new OpenBarState(start, open, high, low, close, volume, priceVolume, count);
        }

        void add(Trade t) {
            high = Math.max(high, t.price());
            low = Math.min(low, t.price());
            close = t.price();
            volume += t.size();
            priceVolume += t.price() * t.size();
            count++;
        }

        Bar toBar(String instrument, long interval) {
            // Rounding can push Σpv/Σv a hair outside [low, high] when all prices are equal; clamp.
            double vwap = Math.min(high, Math.max(low, priceVolume / volume));
            return new Bar(instrument, start, start + interval, open, high, low, close, volume, vwap, count);
        }
    }
}
