package dev.nautilus.bus;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique message ids: a random per-process prefix and a counter, e.g. {@code k2x9q7mb-1z}.
 * Unique across processes with overwhelming probability (40 random bits per process start), and
 * cheap on the hot path: taking a number is one atomic increment; formatting waits until needed.
 */
final class MessageIds {

    private static final String PREFIX = newPrefix();
    private static final AtomicLong COUNTER = new AtomicLong();

    private MessageIds() {}

    /** A fresh sequence number, to be {@link #format formatted} later. */
    static long nextSequence() {
        return COUNTER.incrementAndGet();
    }

    /** The id of a sequence number. */
    static String format(long sequence) {
        return PREFIX + Long.toString(sequence, 36);
    }

    private static String newPrefix() {
        long bits = new SecureRandom().nextLong() & 0xFF_FFFF_FFFFL;
        String text = Long.toString(bits, 36);
        return "0".repeat(Math.max(0, 8 - text.length())) + text + "-";
    }
}
