package dev.nautilus.app.monitor;

import dev.nautilus.bus.redis.monitor.BusMonitor;
import dev.nautilus.bus.redis.monitor.MonitorSnapshot;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The live view: samples, clears the screen, draws the table, waits the interval, again, until
 * {@link #stop()} (Ctrl-C). The wait is a timed wait on the stop signal, so stopping is immediate;
 * a sample in progress is cut short by closing the monitor.
 */
public final class LiveMonitor {

    private final BusMonitor monitor;
    private final MonitorTable table;
    private final PrintWriter out;
    private final Duration interval;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * @param monitor  what to sample (closed by its owner, not by this)
     * @param table    how to draw
     * @param out      the terminal
     * @param interval time between the end of one frame and the next sample
     */
    public LiveMonitor(BusMonitor monitor, MonitorTable table, PrintWriter out, Duration interval) {
        this.monitor = monitor;
        this.table = table;
        this.out = out;
        this.interval = interval;
    }

    /** Draws frames until {@link #stop()}; returns the number drawn. Restores the cursor on the way out. */
    public int run() {
        int frames = 0;
        String footer = "every " + seconds(interval) + "  (Ctrl-C to stop)";
        out.print(Ansi.HIDE_CURSOR);
        try {
            while (stopRequested.getCount() > 0) {
                MonitorSnapshot snapshot;
                try {
                    snapshot = monitor.snapshot();
                } catch (IllegalStateException e) {
                    break; // the monitor was closed: we are shutting down
                }
                if (stopRequested.getCount() == 0) {
                    break; // a frame sampled while stopping would show every Redis unreachable
                }
                out.print(Ansi.CLEAR_SCREEN + table.render(snapshot, footer));
                out.flush();
                frames++;
                if (stopRequested.await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            out.print(Ansi.RESET + Ansi.SHOW_CURSOR);
            out.flush();
            finished.countDown();
        }
        return frames;
    }

    /** Asks {@link #run()} to return; safe from any thread (a shutdown hook), idempotent. */
    public void stop() {
        stopRequested.countDown();
    }

    /** Waits for {@link #run()} to have returned, at most {@code timeout}; whether it has. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
