package dev.nautilus.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A load generator's clock: calls an action at a fixed rate, each call told when it was meant to
 * happen, so that latency can be measured from the intended time (coordinated omission corrected).
 * It parks, never spins: on two cores a spinning generator would steal the CPU of what it measures.
 * It asks for the smallest timer slack first ({@link TimerSlack}); the overshoot left still counts
 * as measured latency.
 */
public final class FixedRate {

    /** One scheduled action. */
    @FunctionalInterface
    public interface Action {
        void at(long index, long intendedNanos) throws Exception;
    }

    private FixedRate() {}

    /** Runs {@code count} actions at {@code perSecond}, starting {@code delayNanos} from now. */
    public static void run(long count, int perSecond, long delayNanos, Action action) throws Exception {
        long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime() + delayNanos;
        TimerSlack.minimisedWhile(() -> {
            for (long i = 0; i < count; i++) {
                long intended = start + i * period;
                long wait;
                while ((wait = intended - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                action.at(i, intended);
            }
        });
    }
}
