package dev.nautilus.bus.redis;

import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.RoutingTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Priority lanes on Redis: each message type has one stream per priority, so that a reader
 * fetching from every lane at once sees an urgent message in its next read, however long the
 * backlog of the normal lane. {@code NORMAL} uses the type's plain stream
 * {@code <prefix>:<bus>:<type>} (what the seed's Python clients read and write); the other
 * priorities add a suffix, e.g. {@code nautilus:engine_logic:risk_metric:flash_crash}.
 *
 * <p>On a Redis Cluster one command may only touch keys of one hash slot, so the type becomes a
 * hash tag ({@code nautilus:marketdata:{price_update}}, {@code …:{price_update}:urgent}): the lanes
 * of a type share a slot and are still read together, while different types spread over the
 * nodes. A subscription to several types then reads each type's lanes on its own
 * ({@link #readGroups}).
 */
final class StreamLanes {

    private final boolean cluster;
    /** Every key, by type and priority ordinal: built once, as each publish asks for one. */
    private final String[][] keys;

    StreamLanes(RoutingTable routing, boolean cluster) {
        this.cluster = cluster;
        this.keys = new String[MessageType.values().length][];
        for (MessageType type : MessageType.values()) {
            String base = routing.route(type).streamKey();
            if (cluster) {
                int typeStart = base.lastIndexOf(':') + 1;
                base = base.substring(0, typeStart) + "{" + base.substring(typeStart) + "}";
            }
            String[] byPriority = new String[Priority.values().length];
            for (Priority priority : Priority.values()) {
                byPriority[priority.ordinal()] = priority == Priority.NORMAL ? base : base + ":" + priority.wireName();
            }
            keys[type.ordinal()] = byPriority;
        }
    }

    /** The stream a message of this type and priority goes to. */
    String key(MessageType type, Priority priority) {
        return keys[type.ordinal()][priority.ordinal()];
    }

    /** Every lane of the given types, most urgent first, each with its priority. */
    Map<String, Priority> lanes(Set<MessageType> types) {
        Map<String, Priority> lanes = new LinkedHashMap<>();
        for (Priority priority : Priority.values()) {
            for (MessageType type : types) {
                lanes.put(key(type, priority), priority);
            }
        }
        return lanes;
    }

    /**
     * The lanes of the given types in groups that one {@code XREADGROUP} can read: all of them in
     * one group on a single Redis, one group per type on a cluster.
     */
    List<Map<String, Priority>> readGroups(Set<MessageType> types) {
        if (!cluster) {
            return List.of(lanes(types));
        }
        List<Map<String, Priority>> groups = new ArrayList<>(types.size());
        for (MessageType type : types) {
            groups.add(lanes(Set.of(type)));
        }
        return groups;
    }
}
