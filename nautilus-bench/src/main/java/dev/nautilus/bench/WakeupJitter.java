package dev.nautilus.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * How late a parked thread wakes on this machine: the floor under any latency that crosses a
 * thread hand-off. A latency tail can be no better than the scheduler's, so the latency benchmark
 * reports this beside its own figures, measured in the same run.
 */
public final class WakeupJitter {

    private WakeupJitter() {}

    /**
     * Parks for {@code period} repeatedly for {@code duration} and records by how much each wake-up
     * overshot; with the smallest timer slack, as the load generator ({@link FixedRate}) uses.
     */
    public static Histogram measure(Duration period, Duration duration) {
        Histogram late = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long end = System.nanoTime() + duration.toNanos();
        long periodNanos = period.toNanos();
        TimerSlack.minimisedWhile(() -> {
            while (System.nanoTime() < end) {
                long due = System.nanoTime() + periodNanos;
                LockSupport.parkNanos(periodNanos);
                late.recordValue(Math.min(Math.max(0, System.nanoTime() - due), late.getHighestTrackableValue()));
            }
        });
        return late;
    }
}
