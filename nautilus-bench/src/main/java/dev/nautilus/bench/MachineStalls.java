package dev.nautilus.bench;

import java.time.Duration;

/**
 * How often this machine takes the CPU away from a running thread: a thread that does nothing but
 * read the clock sees a gap wherever it was stopped (a virtual CPU descheduled by the host, an
 * interrupt storm). Any message in flight at such a moment waits as long, whatever the software
 * does; so the latency benchmark reports it beside its own tail, measured in the same run.
 *
 * @param over       how long the thread spun
 * @param overOneMs  gaps longer than 1 ms
 * @param longest    the longest gap
 * @param stolen     all gaps longer than 50 µs together
 */
public record MachineStalls(Duration over, long overOneMs, Duration longest, Duration stolen) {

    /** Spins on one core for {@code duration} (that core is busy meanwhile: measure before the system under test starts). */
    public static MachineStalls measure(Duration duration) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long last = start;
        long overOneMs = 0;
        long longest = 0;
        long stolen = 0;
        while (last < end) {
            long now = System.nanoTime();
            long gap = now - last;
            last = now;
            if (gap > 50_000) {
                stolen += gap;
                longest = Math.max(longest, gap);
                if (gap > 1_000_000) {
                    overOneMs++;
                }
            }
        }
        return new MachineStalls(
                Duration.ofNanos(last - start), overOneMs, Duration.ofNanos(longest), Duration.ofNanos(stolen));
    }

    @Override
    public String toString() {
        return String.format(
                "%d gaps > 1 ms in %.0f s, longest %.1f ms, %.1f %% of the time in gaps > 50 us",
                overOneMs, over.toNanos() / 1e9, longest.toNanos() / 1e6, 100.0 * stolen.toNanos() / over.toNanos());
    }
}
