package dev.nautilus.bus.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The pause of a consumer after something went wrong that waiting may cure (a handler's
 * {@link Error}, an unreachable Redis): 100 ms, doubled on every failure in a row up to 2 s, back
 * to 100 ms after a success. Short enough that a passing fault costs little, long enough that a
 * lasting one does not spin. Used by one consumer thread.
 */
public final class Backoff {

    private static final long MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(2);

    private long next = MIN_NANOS;

    /** The pause the next {@link #pause()} takes. */
    public long nextNanos() {
        return next;
    }

    /** Parks the calling thread for the current pause (an unpark ends it early) and doubles the next. */
    public void pause() {
        LockSupport.parkNanos(next);
        grow();
    }

    /** Doubles the next pause without pausing now (the caller waited another way). */
    public void grow() {
        next = Math.min(next * 2, MAX_NANOS);
    }

    /** After a success: the next pause is the shortest again. */
    public void reset() {
        // called after every message handled: unless a pause was taken, it writes nothing, so that
        // a consumer's hot loop does not dirty a line shared with what publishers read
        if (next != MIN_NANOS) {
            next = MIN_NANOS;
        }
    }
}
