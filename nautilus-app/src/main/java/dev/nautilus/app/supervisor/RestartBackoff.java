package dev.nautilus.app.supervisor;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before restarting a process that exited: {@code initial} doubling per restart in a
 * row up to {@code max}, each delay spread by ±{@code jitter} so that processes that crashed together
 * (a Redis restart) do not all come back in the same instant. A process that stayed up for
 * {@code stable} counts as healthy again: its next crash starts from {@code initial}.
 */
public record RestartBackoff(Duration initial, Duration max, double jitter, Duration stable) {

    public RestartBackoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("restart back-off needs 0 < initial <= max and 0 <= jitter < 1");
        }
    }

    /** 500 ms doubling to 30 s, ±20 %, reset after a minute up. */
    public static RestartBackoff defaults() {
        return new RestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, Duration.ofMinutes(1));
    }

    /** The delay before the restart that follows {@code crashesInARow} crashes (1 for the first). */
    public Duration delay(int crashesInARow) {
        double base = initial.toMillis() * Math.pow(2, Math.max(0, Math.min(crashesInARow - 1, 30)));
        double capped = Math.min(base, max.toMillis());
        double spread = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.round(capped * spread));
    }
}
