package dev.nautilus.bus;

import java.time.Instant;

/** Wall-clock time in microseconds since the Unix epoch, the resolution of the envelope's timestamp. */
public final class MicroClock {

    private MicroClock() {
    }

    /** Now, in microseconds since the epoch. */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
