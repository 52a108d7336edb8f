package dev.nautilus.app.engines;

import java.util.function.LongSupplier;

/** Watches a run's progress from another thread; what it shows never feeds back into the results. */
@FunctionalInterface
public interface ProgressObserver {

    /** Observes nothing. */
    ProgressObserver NONE = (done, total) -> () -> {};

    /**
     * Starts watching.
     *
     * @param done  events fed so far (safe to read from any thread)
     * @param total events to feed
     * @return closed when the run is over
     */
    Watch watch(LongSupplier done, long total);

    /** A running observation; closing it stops it. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
