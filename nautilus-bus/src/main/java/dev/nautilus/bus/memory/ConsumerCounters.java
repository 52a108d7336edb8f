package dev.nautilus.bus.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters written by one consumer thread only. Single-writer counters need no atomic
 * read-modify-write (a plain ordered store does), and keeping them off the transport's shared
 * counters keeps the publisher's and the consumer's cache lines apart.
 */
final class ConsumerCounters {

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong handlerFailures = new AtomicLong();

    void delivered() {
        delivered.lazySet(delivered.get() + 1);
    }

    void acked() {
        acked.lazySet(acked.get() + 1);
    }

    void handlerFailed() {
        handlerFailures.lazySet(handlerFailures.get() + 1);
    }

    long deliveredCount() {
        return delivered.get();
    }

    long ackedCount() {
        return acked.get();
    }

    long handlerFailureCount() {
        return handlerFailures.get();
    }
}
