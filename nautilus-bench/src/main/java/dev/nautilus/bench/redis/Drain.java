package dev.nautilus.bench.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a burst to be consumed, failing with a diagnosis instead of waiting forever when it stops moving. */
public final class Drain {

    /** How long a drain may go without a single message handled before the run is declared broken. */
    public static final Duration STALL = Duration.ofSeconds(60);

    private Drain() {}

    /**
     * Returns once {@code handled} reached {@code count} and {@code settled} holds (e.g. nothing
     * pending any more).
     *
     * @param diagnosis what to say when nothing was handled for {@link #STALL}
     */
    public static void await(AtomicLong handled, long count, BooleanSupplier settled, Supplier<String> diagnosis)
            throws InterruptedException {
        long lastHandled = -1;
        long stalledSince = System.nanoTime();
        while (handled.get() < count || !settled.getAsBoolean()) {
            Thread.sleep(1);
            long now = handled.get();
            if (now != lastHandled) {
                lastHandled = now;
                stalledSince = System.nanoTime();
            } else if (System.nanoTime() - stalledSince > STALL.toNanos()) {
                throw new IllegalStateException("no progress for " + STALL.toSeconds() + " s: handled " + now + " of "
                        + count + ", " + diagnosis.get());
            }
        }
    }
}
