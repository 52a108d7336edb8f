package dev.nautilus.bus.memory;

import dev.nautilus.bus.delivery.DeliveryCounters;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters written by one consumer thread only. Single-writer counters need no atomic
 * read-modify-write (a plain ordered store does), and keeping them off the transport's shared
 * counters keeps the publisher's and the consumer's cache lines apart.
 *
 * <p>Each count sits in a slot of its own cache line, padded inside one array: the consumer
 * writes two of them per message, and as separate small objects they shared lines with whatever
 * was allocated beside them, such as the topic strings and route entries the publisher reads per
 * message. The in-memory bench showed that as the publisher stalling in {@code String.hashCode}
 * and {@code String.isBlank}, and fresh-message figures varying 2.6–8 M/s from run to run.
 */
final class ConsumerCounters implements DeliveryCounters {

    /** Eight longs, one cache line, between counts and at either end. */
    private static final int LINE = 8;

    private static final int DELIVERED = LINE;
    private static final int ACKED = 2 * LINE;
    private static final int HANDLER_FAILURES = 3 * LINE;

    private final AtomicLongArray slots = new AtomicLongArray(4 * LINE + 1);

    @Override
    public void countDelivered() {
        raise(DELIVERED);
    }

    @Override
    public void countAcked() {
        raise(ACKED);
    }

    @Override
    public void countHandlerFailure() {
        raise(HANDLER_FAILURES);
    }

    private void raise(int slot) {
        slots.lazySet(slot, slots.get(slot) + 1);
    }

    long deliveredCount() {
        return slots.get(DELIVERED);
    }

    long ackedCount() {
        return slots.get(ACKED);
    }

    long handlerFailureCount() {
        return slots.get(HANDLER_FAILURES);
    }
}
