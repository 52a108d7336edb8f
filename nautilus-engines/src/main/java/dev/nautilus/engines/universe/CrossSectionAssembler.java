package dev.nautilus.engines.universe;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.InstrumentReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Gathers the bars of one universe, interval by interval, into {@link CrossSection}s. Bars arrive one
 * instrument at a time (the hub publishes an instrument's bar when its next interval opens); an
 * interval is emitted as soon as every member reported, or, incomplete, when a bar of a later interval
 * shows that the missing members had no trade in it. A bar for an interval already emitted is late:
 * it is counted and dropped, since its cross-section was already used. Not thread-safe.
 */
public final class CrossSectionAssembler {

    private final String universe;
    private final Map<String, InstrumentReference> members = new TreeMap<>();
    private final Map<String, Bar> open = new TreeMap<>();
    private long openEnd = Long.MIN_VALUE;
    private long lateBars;

    /** @param universe the universe whose members this assembler accepts */
    public CrossSectionAssembler(String universe) {
        this.universe = universe;
    }

    /**
     * Adds (or updates) a member.
     *
     * @throws IllegalArgumentException when the reference belongs to another universe
     */
    public void addMember(InstrumentReference reference) {
        if (!reference.universe().equals(universe)) {
            throw new IllegalArgumentException(
                    reference.symbol() + " belongs to universe " + reference.universe() + ", not " + universe);
        }
        members.put(reference.symbol(), reference);
    }

    /** Whether {@code symbol} is a member. */
    public boolean isMember(String symbol) {
        return members.containsKey(symbol);
    }

    /** Number of members. */
    public int memberCount() {
        return members.size();
    }

    /**
     * Adds a member's bar and returns the cross-sections it completed (none, one, or an incomplete
     * earlier one followed by this one when the universe has a single member).
     *
     * @throws IllegalArgumentException for a bar of a non-member
     */
    public List<CrossSection> onBar(Bar bar) {
        if (!isMember(bar.instrument())) {
            throw new IllegalArgumentException(bar.instrument() + " is not a member of universe " + universe);
        }
        List<CrossSection> done = new ArrayList<>(2);
        if (bar.endMicros() < openEnd || (bar.endMicros() == openEnd && open.isEmpty())) {
            lateBars++;
            return done;
        }
        if (bar.endMicros() > openEnd) {
            emit(false).ifPresent(done::add);
            openEnd = bar.endMicros();
        }
        open.put(bar.instrument(), bar);
        if (open.size() == members.size()) {
            emit(true).ifPresent(done::add);
        }
        return done;
    }

    private Optional<CrossSection> emit(boolean complete) {
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Map<String, InstrumentReference> refs = new TreeMap<>();
        open.keySet().forEach(s -> refs.put(s, members.get(s)));
        CrossSection section = new CrossSection(universe, openEnd, new TreeMap<>(open), new TreeMap<>(refs), complete);
        open.clear();
        return Optional.of(section);
    }

    /** Bars dropped because their interval had already been emitted. */
    public long lateBars() {
        return lateBars;
    }
}
