package dev.nautilus.engines.host;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The message ids an engine handled lately: a bounded window (a ring of ids plus a hash set of the
 * same ids) that forgets the oldest id when full. Delivery is at-least-once — a message redelivered
 * after a crash, claimed from a dead instance, or replayed from the dead letters comes again with
 * its id — and the host asks this window before it hands a message to the engine.
 *
 * <p>Sizing: a duplicate is caught while its first copy is among the last {@code capacity} ids
 * handled. What can come again is what was in flight when the first copy was handled: the
 * publisher's buffer (3,000 messages by default) plus each consumer's read batch and pending
 * entries, so {@link #DEFAULT_CAPACITY} (100,000, some 30 times the publish buffer) covers a
 * redelivery well past the in-flight bound, at about 10 MB per engine. A dead letter replayed
 * later than 100,000 messages after its first handling is not caught here; the store's unique keys
 * still keep its rows single.
 *
 * <p>Not thread-safe: used by one subscription's handler, whose calls never overlap.
 */
public final class SeenIds {

    /** Default window: 100,000 ids. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final String[] ring;
    /** The partition key of the message of each id in {@link #ring}, where one was given. */
    private final String[] keys;

    private final Set<String> ids;
    private int next;

    /** @param capacity ids remembered, at least 1 */
    public SeenIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.ring = new String[capacity];
        this.keys = new String[capacity];
        this.ids = HashSet.newHashSet(capacity);
    }

    /** Whether {@code id} is in the window. */
    public boolean contains(String id) {
        return ids.contains(id);
    }

    /** Remembers {@code id} (once handled), forgetting the oldest id when the window is full. */
    public void add(String id) {
        add(id, null);
    }

    /**
     * Remembers {@code id} of a message with partition key {@code key} (null for none), forgetting
     * the oldest id when the window is full.
     */
    public void add(String id, String key) {
        Objects.requireNonNull(id, "id");
        if (!ids.add(id)) {
            return;
        }
        String oldest = ring[next];
        if (oldest != null) {
            ids.remove(oldest);
        }
        ring[next] = id;
        keys[next] = key;
        next = (next + 1) % ring.length;
    }

    /**
     * Forgets the ids of messages whose partition key {@code forgotten} accepts: their keys' state
     * was just replaced by one that does not include them, so they must be handled if they come again.
     */
    public void forget(Predicate<String> forgotten) {
        for (int i = 0; i < ring.length; i++) {
            if (ring[i] != null && keys[i] != null && forgotten.test(keys[i])) {
                ids.remove(ring[i]);
                ring[i] = null;
                keys[i] = null;
            }
        }
    }

    /** The latest {@code count} ids remembered (fewer if fewer are), oldest first. */
    public List<String> newest(int count) {
        int n = Math.min(Math.max(count, 0), ids.size());
        List<String> newest = new ArrayList<>(n);
        // forgotten slots are empty: walk back until n are found
        for (int k = 1; newest.size() < n && k <= ring.length; k++) {
            String id = ring[Math.floorMod(next - k, ring.length)];
            if (id != null) {
                newest.add(id);
            }
        }
        return newest.reversed();
    }

    /** Ids remembered now. */
    public int size() {
        return ids.size();
    }

    /** The window's bound. */
    public int capacity() {
        return ring.length;
    }
}
