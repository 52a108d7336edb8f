package dev.nautilus.bus;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one place that decides which bus and stream each message type travels on. Callers never
 * choose a bus; they publish a type and the table routes it. Built from {@link MessageType}'s
 * defaults, optionally overridden (for instance while migrating engines one at a time).
 */
public final class RoutingTable {

    /** Where one message type goes: its bus and the stream key on that bus. */
    public record Route(MessageType type, Bus bus, String streamKey) {}

    /** The stream-key prefix used unless configured otherwise. */
    public static final String DEFAULT_PREFIX = "nautilus";

    private final String prefix;
    private final Route[] routes;

    private RoutingTable(String prefix, Map<MessageType, Bus> buses) {
        if (prefix == null || prefix.isBlank() || prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "stream prefix must be non-blank without whitespace, was '" + prefix + "'");
        }
        this.prefix = prefix;
        MessageType[] types = MessageType.values();
        this.routes = new Route[types.length];
        for (MessageType type : types) {
            Bus bus = buses.getOrDefault(type, type.defaultBus());
            routes[type.ordinal()] = new Route(type, bus, streamKey(prefix, bus, type));
        }
    }

    /** The default routing with the default prefix. */
    public static RoutingTable defaults() {
        return new RoutingTable(DEFAULT_PREFIX, Map.of());
    }

    /** The default routing with stream keys under the given prefix. */
    public static RoutingTable withPrefix(String prefix) {
        return new RoutingTable(prefix, Map.of());
    }

    /** A copy of this table with one type moved to another bus. */
    public RoutingTable withBus(MessageType type, Bus bus) {
        Map<MessageType, Bus> buses = new EnumMap<>(MessageType.class);
        for (Route route : routes) {
            buses.put(route.type(), route.bus());
        }
        buses.put(type, bus);
        return new RoutingTable(prefix, buses);
    }

    /** Where the given type goes. */
    public Route route(MessageType type) {
        return routes[type.ordinal()];
    }

    /** The bus the given type goes to. */
    public Bus busOf(MessageType type) {
        return routes[type.ordinal()].bus();
    }

    /** Every type routed to the given bus. */
    public Set<MessageType> typesOn(Bus bus) {
        Set<MessageType> types = EnumSet.noneOf(MessageType.class);
        for (Route route : routes) {
            if (route.bus() == bus) {
                types.add(route.type());
            }
        }
        return types;
    }

    /**
     * Checks that every type is routed to the given bus, as a transport of that bus requires.
     *
     * @throws IllegalArgumentException naming a type routed elsewhere
     */
    public void requireAllOn(Bus bus, Set<MessageType> types) {
        for (MessageType type : types) {
            if (busOf(type) != bus) {
                throw new IllegalArgumentException(type + " is routed to the "
                        + busOf(type).displayName() + " bus, not the " + bus.displayName() + " bus");
            }
        }
    }

    /** The stream-key prefix. */
    public String prefix() {
        return prefix;
    }

    /** The dead-letter stream of a bus, {@code <prefix>:<bus>:dead}. */
    public String deadLetterStream(Bus bus) {
        return prefix + ":" + bus.key() + ":dead";
    }

    private static String streamKey(String prefix, Bus bus, MessageType type) {
        return prefix + ":" + bus.key() + ":" + type.wireName();
    }
}
