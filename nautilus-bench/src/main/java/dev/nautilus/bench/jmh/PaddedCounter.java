package dev.nautilus.bench.jmh;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A count one consumer thread raises and the publishing thread reads, alone on its cache line. A
 * plain {@code AtomicLong} allocated beside the state the publisher reads (the payload, the topic
 * string) shared that line with it: every count the consumer wrote stalled the publisher's next
 * read of its own data, which JFR showed as 15 % of samples in {@code String.hashCode} and
 * {@code String.isBlank} and which halved the fresh-message figure from run to run.
 */
final class PaddedCounter {

    /** Eight longs (64 bytes, a cache line) each side of the one counted. */
    private static final int SLOT = 8;

    private final AtomicLongArray slots = new AtomicLongArray(2 * SLOT + 1);

    long get() {
        return slots.get(SLOT);
    }

    /** Raises the count; only one thread may call this. */
    void increment() {
        slots.lazySet(SLOT, slots.get(SLOT) + 1);
    }
}
