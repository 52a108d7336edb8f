package dev.nautilus.engines.universe;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.InstrumentReference;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The bars of a universe's members over one interval, with their reference data, in symbol order.
 *
 * @param universe   universe name
 * @param endMicros  the interval's (exclusive) end, shared by every bar
 * @param bars       bar per symbol
 * @param references reference data per symbol, for every symbol in {@code bars}
 * @param complete   whether every member of the universe reported a bar
 */
public record CrossSection(
        String universe,
        long endMicros,
        SortedMap<String, Bar> bars,
        SortedMap<String, InstrumentReference> references,
        boolean complete) {

    public CrossSection {
        Objects.requireNonNull(universe, "universe");
        bars = Collections.unmodifiableSortedMap(new TreeMap<>(bars));
        references = Collections.unmodifiableSortedMap(new TreeMap<>(references));
        for (Map.Entry<String, Bar> e : bars.entrySet()) {
            if (e.getValue().endMicros() != endMicros) {
                throw new IllegalArgumentException(
                        "bar of " + e.getKey() + " ends at " + e.getValue().endMicros() + ", not " + endMicros);
            }
            if (!references.containsKey(e.getKey())) {
                throw new IllegalArgumentException("no reference data for " + e.getKey());
            }
        }
    }

    /** Market cap of {@code symbol} at its bar's close. */
    public double marketCap(String symbol) {
        return references.get(symbol).marketCap(bars.get(symbol).close());
    }
}
