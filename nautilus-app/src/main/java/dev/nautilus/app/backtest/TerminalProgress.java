package dev.nautilus.app.backtest;

import dev.nautilus.app.engines.ProgressObserver;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A progress bar redrawn on one terminal line every {@value #REFRESH_MILLIS} ms by a daemon thread,
 * from a counter it only reads: showing progress never touches the run's results.
 */
public final class TerminalProgress implements ProgressObserver {

    private static final long REFRESH_MILLIS = 100;
    private static final int WIDTH = 40;

    private final PrintStream out;
    private final String label;

    /**
     * @param out   where to draw (stderr)
     * @param label what is counted, e.g. {@code trades}
     */
    public TerminalProgress(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    /** Set by the {@code nautilus} launcher when stderr is a terminal ({@code [ -t 2 ]}); Java cannot tell by itself. */
    public static final String TERMINAL_PROPERTY = "nautilus.stderr.terminal";

    /** A bar on stderr when stderr is a terminal, else {@link ProgressObserver#NONE} (no redraws in logs or pipes). */
    public static ProgressObserver forStderr(String label) {
        return Boolean.getBoolean(TERMINAL_PROPERTY) ? new TerminalProgress(System.err, label) : NONE;
    }

    @Override
    public Watch watch(LongSupplier done, long total) {
        long started = System.nanoTime();
        Thread drawer = Thread.ofPlatform().daemon().name("progress").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                draw(done.getAsLong(), total, started);
                LockSupport.parkNanos(REFRESH_MILLIS * 1_000_000);
            }
        });
        return () -> {
            drawer.interrupt();
            try {
                drawer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            draw(done.getAsLong(), total, started);
            out.print('\n');
            out.flush();
        };
    }

    private void draw(long done, long total, long started) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.print(String.format(
                Locale.ROOT,
                "\r[%s%s] %5.1f%% %,d/%,d %s  %.1f s",
                "#".repeat(filled),
                "-".repeat(WIDTH - filled),
                fraction * 100,
                done,
                total,
                label,
                seconds));
        out.flush();
    }
}
