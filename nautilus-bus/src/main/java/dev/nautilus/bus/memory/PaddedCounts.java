package dev.nautilus.bus.memory;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts each raised by one thread and read by any, each alone on its cache line. Single-writer
 * counts need no atomic read-modify-write (a plain ordered store does); padded, a count raised
 * on every message does not share a line with data another thread reads, as small counter
 * objects did with whatever was allocated beside them (see {@code ConsumerCounters}).
 */
public final class PaddedCounts {

    /** Eight longs, one cache line, between counts and at either end. */
    private static final int LINE = 8;

    private final AtomicLongArray slots;

    /** {@code counts} counts, numbered from 0, each at 0. */
    public PaddedCounts(int counts) {
        if (counts <= 0) {
            throw new IllegalArgumentException("counts must be positive, was " + counts);
        }
        this.slots = new AtomicLongArray((counts + 1) * LINE + 1);
    }

    /** Raises count {@code k} by one; only one thread may raise it. */
    public void increment(int k) {
        int slot = slot(k);
        slots.lazySet(slot, slots.get(slot) + 1);
    }

    /** Count {@code k} now. */
    public long get(int k) {
        return slots.get(slot(k));
    }

    private static int slot(int k) {
        return (k + 1) * LINE;
    }
}
