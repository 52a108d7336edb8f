package dev.nautilus.engines.host;

import dev.nautilus.bus.BusBackpressureException;
import dev.nautilus.bus.BusEndpoint;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes in an engine's name and waits (parking, with growing pauses up to 50 ms) while the bus
 * pushes back, instead of failing. Why: a handler that fails after changing its state would be
 * redelivered and its output lost or duplicated, and the hub is the source of the flow, so slowing
 * it is the right answer to a full publish buffer. Gives up after {@code patience} with the bus's
 * {@link BusBackpressureException}. Waits are counted in {@code nautilus.engine.backpressure.waits}.
 */
public final class PatientPublisher {

    private static final long FIRST_PAUSE_NANOS = 100_000L;
    private static final long MAX_PAUSE_NANOS = 50_000_000L;

    private final BusEndpoint endpoint;
    private final Duration patience;
    private final Counter waits;

    /**
     * @param endpoint where to publish
     * @param meters   where the wait counter goes
     * @param patience how long to wait for room before giving up
     */
    public PatientPublisher(BusEndpoint endpoint, MeterRegistry meters, Duration patience) {
        this.endpoint = endpoint;
        this.patience = patience;
        this.waits = Counter.builder("nautilus.engine.backpressure.waits")
                .description("Publishes that waited for a full bus to accept them")
                .tag("engine", endpoint.engine())
                .register(meters);
    }

    /** Publishes at {@link Priority#NORMAL}. */
    public Message publish(MessageType type, String topic, Object payload) {
        return publish(type, topic, payload, Priority.NORMAL);
    }

    /** Publishes with the given priority, waiting for room. */
    public Message publish(MessageType type, String topic, Object payload, Priority priority) {
        long deadline = System.nanoTime() + patience.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            try {
                return endpoint.publish(type, topic, payload, priority);
            } catch (BusBackpressureException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                waits.increment();
                LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
            }
        }
    }
}
