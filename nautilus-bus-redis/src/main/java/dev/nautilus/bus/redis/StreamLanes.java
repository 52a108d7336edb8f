package dev.nautilus.bus.redis;

import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.RoutingTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Priority lanes on Redis: each message type has one stream per priority, so that a reader
 * fetching from every lane at once sees an urgent message in its next read, however long the
 * backlog of the normal lane. {@code NORMAL} uses the type's plain stream
 * {@code <prefix>:<bus>:<type>} (what the seed's Python clients read and write); the other
 * priorities add a suffix, e.g. {@code nautilus:engine_logic:risk_metric:flash_crash}.
 */
final class StreamLanes {

    private StreamLanes() {
    }

    /** The stream a message of this type and priority goes to. */
    static String key(RoutingTable routing, MessageType type, Priority priority) {
        String base = routing.route(type).streamKey();
        return priority == Priority.NORMAL ? base : base + ":" + priority.wireName();
    }

    /** Every lane of the given types, most urgent first, each with its priority. */
    static Map<String, Priority> lanes(RoutingTable routing, Set<MessageType> types) {
        Map<String, Priority> lanes = new LinkedHashMap<>();
        for (Priority priority : Priority.values()) {
            for (MessageType type : types) {
                lanes.put(key(routing, type, priority), priority);
            }
        }
        return lanes;
    }
}
