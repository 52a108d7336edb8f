package dev.nautilus.engines.host;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

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
    private final Set<String> ids;
    private int next;

    /** @param capacity ids remembered, at least 1 */
    public SeenIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.ring = new String[capacity];
        this.ids = HashSet.newHashSet(capacity);
    }

    /** Whether {@code id} is in the window. */
    public boolean contains(String id) {
        return ids.contains(id);
    }

    /** Remembers {@code id} (once handled), forgetting the oldest id when the window is full. */
    public void add(String id) {
        Objects.requireNonNull(id, "id");
        if (!ids.add(id)) {
            return;
        }
        String oldest = ring[next];
        if (oldest != null) {
            ids.remove(oldest);
        }
        ring[next] = id;
        next = (next + 1) % ring.length;
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
