package dev.nautilus.bench.websocket;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the load generator's clients saw, shared by its event-loop threads: delivery latency (from
 * the message's timestamp to its arrival, in microseconds) of messages published since the
 * measurement window opened, and counts.
 */
final class LoadTally {

    /** Latencies above a minute are recorded as a minute. */
    static final long MAX_MICROS = 60_000_000L;

    private final Recorder latency = new Recorder(MAX_MICROS, 3);
    private final Histogram window = new Histogram(MAX_MICROS, 3); // guarded by this
    final LongAdder received = new LongAdder();
    /** Every message frame since the window was set, warm-up included. */
    final LongAdder receivedTotal = new LongAdder();

    final LongAdder droppedReported = new LongAdder();
    final LongAdder subscribed = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder closedByServer = new LongAdder();
    private volatile long windowStartMicros = Long.MAX_VALUE;
    private volatile long windowEndMicros = Long.MIN_VALUE;

    /** Sets the window: messages published from {@code startMicros} (inclusive) to {@code endMicros} (exclusive) are measured. */
    synchronized void open(long startMicros, long endMicros) {
        latency.reset();
        window.reset();
        received.reset();
        receivedTotal.reset();
        droppedReported.reset();
        windowEndMicros = endMicros;
        windowStartMicros = startMicros;
    }

    void message(long timestampMicros, long nowMicros) {
        receivedTotal.increment();
        if (timestampMicros >= windowStartMicros && timestampMicros < windowEndMicros) {
            received.increment();
            latency.recordValue(Math.min(MAX_MICROS, Math.max(0, nowMicros - timestampMicros)));
        }
    }

    /** The latencies of the window so far (a copy). */
    synchronized Histogram latency() {
        window.add(latency.getIntervalHistogram());
        return window.copy();
    }
}
