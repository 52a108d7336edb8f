package dev.nautilus.bus.memory;

import dev.nautilus.bus.delivery.DeliveryCounters;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters written by one consumer thread only. Single-writer counters need no atomic
 * read-modify-write (a plain ordered store does), and keeping them off the transport's shared
 * counters keeps the publisher's and the consumer's cache lines apart.
 */
final class ConsumerCounters implements DeliveryCounters {

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong handlerFailures = new AtomicLong();

    @Override
    public void countDelivered() {
        delivered.lazySet(delivered.get() + 1);
    }

    @Override
    public void countAcked() {
        acked.lazySet(acked.get() + 1);
    }

    @Override
    public void countHandlerFailure() {
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
