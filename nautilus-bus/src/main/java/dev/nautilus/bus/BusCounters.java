package dev.nautilus.bus;

import dev.nautilus.bus.delivery.DeliveryCounters;
import java.util.concurrent.atomic.LongAdder;

/** The counters every transport keeps; cheap to bump from many threads. */
public final class BusCounters implements DeliveryCounters {

    public final LongAdder published = new LongAdder();
    public final LongAdder delivered = new LongAdder();
    public final LongAdder acked = new LongAdder();
    public final LongAdder handlerFailures = new LongAdder();
    public final LongAdder deadLettered = new LongAdder();
    public final LongAdder rejected = new LongAdder();

    /** A status snapshot with these counters and the given connection facts. */
    public TransportStatus snapshot(
            Bus bus, String transport, String endpoint, boolean connected, long queued, String lastError) {
        return new TransportStatus(
                bus,
                transport,
                endpoint,
                connected,
                published.sum(),
                delivered.sum(),
                acked.sum(),
                handlerFailures.sum(),
                deadLettered.sum(),
                rejected.sum(),
                queued,
                lastError);
    }

    @Override
    public void countDelivered() {
        delivered.increment();
    }

    @Override
    public void countAcked() {
        acked.increment();
    }

    @Override
    public void countHandlerFailure() {
        handlerFailures.increment();
    }
}
