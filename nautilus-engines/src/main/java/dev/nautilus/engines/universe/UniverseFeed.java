package dev.nautilus.engines.universe;

import dev.nautilus.bus.Message;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.InstrumentReference;
import dev.nautilus.engines.topics.MarketDataTopics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the hub's market-data stream into cross-sections, per universe: reference data
 * ({@code market_data.instrument.*}) makes an instrument a member, and members' bars
 * ({@code market_data.bar.*}) are gathered by interval. Bars of instruments without reference data
 * (e.g. BTC/USD) belong to no universe and are ignored. Not thread-safe.
 */
public final class UniverseFeed {

    private final Map<String, CrossSectionAssembler> byUniverse = new HashMap<>();
    private final Map<String, String> universeOf = new HashMap<>();

    /** Handles one market-data message and returns the cross-sections it completed. */
    public List<CrossSection> onMessage(Message message) {
        String topic = message.topic();
        if (MarketDataTopics.INSTRUMENTS.matches(topic)) {
            onReference(message.payloadAs(InstrumentReference.class));
        } else if (MarketDataTopics.BARS.matches(topic)) {
            return onBar(message.payloadAs(Bar.class));
        }
        return List.of();
    }

    /** Makes the instrument a member of its universe (moving it if it was in another). */
    public void onReference(InstrumentReference reference) {
        String previous = universeOf.put(reference.symbol(), reference.universe());
        if (previous != null && !previous.equals(reference.universe())) {
            throw new IllegalArgumentException(reference.symbol() + " moved from universe " + previous + " to "
                    + reference.universe() + "; a symbol belongs to one universe");
        }
        byUniverse
                .computeIfAbsent(reference.universe(), CrossSectionAssembler::new)
                .addMember(reference);
    }

    /** Adds a bar; returns completed cross-sections, none for a non-member. */
    public List<CrossSection> onBar(Bar bar) {
        String universe = universeOf.get(bar.instrument());
        return universe == null ? List.of() : byUniverse.get(universe).onBar(bar);
    }

    /** Members of {@code universe}, 0 when unknown. */
    public int memberCount(String universe) {
        CrossSectionAssembler assembler = byUniverse.get(universe);
        return assembler == null ? 0 : assembler.memberCount();
    }
}
