package dev.nautilus.bus;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique message ids: a random per-process prefix and a counter, e.g. {@code k2x9q7mb-1z}.
 * Unique across processes with overwhelming probability (40 random bits per process start),
 * and cheap enough for the in-memory hot path (no random draw per message).
 */
public final class MessageIds {

    private static final String PREFIX = newPrefix();
    private static final AtomicLong COUNTER = new AtomicLong();

    private MessageIds() {
    }

    /** A fresh id. */
    public static String next() {
        return PREFIX + Long.toString(COUNTER.incrementAndGet(), 36);
    }

    private static String newPrefix() {
        long bits = new SecureRandom().nextLong() & 0xFF_FFFF_FFFFL;
        String text = Long.toString(bits, 36);
        return "0".repeat(Math.max(0, 8 - text.length())) + text + "-";
    }
}
