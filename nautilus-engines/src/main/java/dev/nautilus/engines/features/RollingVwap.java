package dev.nautilus.engines.features;

import java.util.ArrayDeque;
import java.util.List;

/**
 * VWAP over the trades of the last {@code windowMicros}: trades with timestamp {@code > now - window}
 * are in, where {@code now} is the latest trade's time. Amortised O(1): each trade enters and leaves
 * a deque once. The running sums are recomputed from the deque whenever it empties, so rounding
 * from subtraction cannot accumulate across quiet periods.
 */
public final class RollingVwap {

    private final long windowMicros;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private double priceVolume;
    private double volume;
    private long lastTimestamp = Long.MIN_VALUE;

    /** @param windowMicros window length, {@code > 0} */
    public RollingVwap(long windowMicros) {
        if (windowMicros <= 0) {
            throw new IllegalArgumentException("windowMicros must be > 0, was " + windowMicros);
        }
        this.windowMicros = windowMicros;
    }

    /**
     * Adds a trade and returns the rolling VWAP.
     *
     * @throws IllegalArgumentException on a bad price/size or a timestamp before the previous one
     */
    public double update(long timestampMicros, double price, double size) {
        TradeInputs.require(price, size);
        if (timestampMicros < lastTimestamp) {
            throw new IllegalArgumentException(
                    "timestampMicros went backwards: " + timestampMicros + " < " + lastTimestamp);
        }
        lastTimestamp = timestampMicros;
        long cutoff = timestampMicros - windowMicros;
        while (!entries.isEmpty() && entries.peekFirst().timestampMicros() <= cutoff) {
            Entry old = entries.pollFirst();
            priceVolume -= old.priceVolume();
            volume -= old.volume();
        }
        if (entries.isEmpty()) {
            priceVolume = 0;
            volume = 0;
        }
        Entry e = new Entry(timestampMicros, price * size, size);
        entries.addLast(e);
        priceVolume += e.priceVolume();
        volume += e.volume();
        return value();
    }

    /** Current rolling VWAP; NaN before the first trade. */
    public double value() {
        return entries.isEmpty() ? Double.NaN : priceVolume / volume;
    }

    /** Volume inside the window. */
    public double volume() {
        return volume;
    }

    /** Trades inside the window. */
    public int tradeCount() {
        return entries.size();
    }

    /** The trades in the window, oldest first, and the running sums, exact. */
    public State state() {
        return new State(List.copyOf(entries), priceVolume, volume, lastTimestamp);
    }

    /** Continues from {@code state}, as {@link #state} gave it. */
    public void restore(State state) {
        entries.clear();
        entries.addAll(state.entries());
        priceVolume = state.priceVolume();
        volume = state.volume();
        lastTimestamp = state.lastTimestamp();
    }

    /** One trade in the window. */
    public record Entry(long timestampMicros, double priceVolume, double volume) {}

    /** The window's trades in order, the running sums (with their rounding) and the last time seen. */
    public record State(List<Entry> entries, double priceVolume, double volume, long lastTimestamp) {}
}
