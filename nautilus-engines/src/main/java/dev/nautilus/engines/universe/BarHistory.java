package dev.nautilus.engines.universe;

import dev.nautilus.engines.marketdata.Bar;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@code capacity} bars of each instrument, oldest first. An interval in which an
 * instrument did not trade leaves no entry, so a look-back counts the instrument's own bars. Not
 * thread-safe.
 */
public final class BarHistory {

    private final int capacity;
    private final Map<String, ArrayDeque<Bar>> bars = new HashMap<>();

    /** @param capacity bars kept per instrument, {@code >= 1} */
    public BarHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends every bar of the cross-section. */
    public void add(CrossSection section) {
        section.bars().values().forEach(this::add);
    }

    /** Appends a bar, dropping the instrument's oldest when full. */
    public void add(Bar bar) {
        ArrayDeque<Bar> q = bars.computeIfAbsent(bar.instrument(), i -> new ArrayDeque<>(capacity));
        if (q.size() == capacity) {
            q.pollFirst();
        }
        q.addLast(bar);
    }

    /** The instrument's bars, oldest first (a copy; empty when unknown). */
    public List<Bar> of(String instrument) {
        ArrayDeque<Bar> q = bars.get(instrument);
        return q == null ? List.of() : List.copyOf(q);
    }
}
