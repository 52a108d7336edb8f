package dev.nautilus.bus.redis;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where one group stands on each lane a reader reads: the last entry id it acknowledged there, kept
 * in memory and recorded in the group's state hash on the same Redis,
 * {@code <prefix>:<bus>:groups:<group>} (on a cluster with the lanes' hash tag appended, so that
 * it lives on their node) → stream → id. The {@code HSET} rides with the {@code XACK}s it follows,
 * once per batch and stream, only when the position moved on: no round trip of its own.
 *
 * <p>Why: a group that disappears while its stream stays ({@code XGROUP DESTROY} by an operator, a
 * failover to a replica that never had it) would otherwise be recreated at {@code 0} and
 * deliver the whole stream again. Recreated at its recorded position, it delivers only what it had
 * not acknowledged. A stream that is gone with its group (a Redis restarted empty, {@code FLUSHALL})
 * takes the hash with it, and the group starts at {@code 0} of the new stream, which is all unseen.
 *
 * <p>With several consumers in a group, each records the position it acknowledged last; the hash
 * holds whichever wrote last. Redelivery after a recreation is then bounded by what the other
 * consumers had in hand, and entries they held unacknowledged below that position when the group
 * was destroyed are not delivered again: the group's pending list is destroyed with it.
 *
 * <p>Written by the reader's thread, read by recovery on the same thread and by status readers.
 */
final class GroupPositions {

    private final String key;
    private final StreamOperations streams;
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

    /** @param key the group's state hash */
    GroupPositions(String key, StreamOperations streams) {
        this.key = key;
        this.streams = streams;
    }

    /** The state hash's key. */
    String key() {
        return key;
    }

    /**
     * The entry {@code id} of {@code stream} was acknowledged: queues the new position when it is
     * beyond the recorded one (a claimed older entry does not move it back).
     */
    void acknowledged(String stream, String id) {
        String previous = acknowledged.get(stream);
        if (previous == null || compare(id, previous) > 0) {
            acknowledged.put(stream, id);
            streams.recordPosition(key, stream, id);
        }
    }

    /** Where to create the group on each lane, {@code otherwise} where nothing is known; see below. */
    Map<String, String> startingPoints(Collection<String> lanes, String otherwise) {
        Map<String, String> defaults = new LinkedHashMap<>();
        lanes.forEach(lane -> defaults.put(lane, otherwise));
        return startingPoints(defaults);
    }

    /**
     * Where to create the group on each lane: the later of the position known in memory and the one
     * recorded in Redis, else the lane's value in {@code otherwise} ({@code $}, {@code 0}). When
     * Redis holds no record at all, its data went with the group (restarted empty,
     * {@code FLUSHALL}): the streams are new, and a position in memory is not used, as the new
     * entries' ids come from the clock of a Redis that may run behind the old one.
     */
    Map<String, String> startingPoints(Map<String, String> otherwise) {
        Map<String, String> recorded = streams.recordedPositions(key);
        Map<String, String> from = new LinkedHashMap<>();
        otherwise.forEach((lane, fallback) -> {
            String known = recorded.isEmpty() ? null : later(acknowledged.get(lane), recorded.get(lane));
            from.put(lane, known == null ? fallback : known);
        });
        return from;
    }

    private static String later(String a, String b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return compare(a, b) >= 0 ? a : b;
    }

    /** Compares two stream ids ({@code ms-seq}, or {@code ms}) numerically. */
    static int compare(String a, String b) {
        return StreamIds.compare(a, b);
    }
}
