package dev.nautilus.store.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link BatchingIngest} retries a batch that failed to commit: back-off doubling from
 * {@code firstBackoff} up to {@code maxBackoff}, for at most {@code maxAttempts} attempts, or without
 * end ({@link #forever}) so a batch is never dropped while the database is away.
 *
 * @param maxAttempts  attempts per batch, {@link #UNBOUNDED} for no limit
 * @param firstBackoff pause after the first failed attempt
 * @param maxBackoff   longest pause between attempts
 */
public record Retry(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    /** {@link #maxAttempts} of a policy that never gives up. */
    public static final int UNBOUNDED = 0;
    /** Attempts a closing ingest still makes for a batch before giving it up (its rows stay unacknowledged). */
    public static final int ATTEMPTS_WHILE_CLOSING = 3;

    public Retry {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be >= 0, was " + maxAttempts);
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException(
                    "need 0 <= firstBackoff <= maxBackoff, was " + firstBackoff + ", " + maxBackoff);
        }
    }

    /** The pipeline's former default: three attempts, 200 ms and 400 ms apart, then the batch is rejected. */
    public static Retry bounded() {
        return new Retry(3, Duration.ofMillis(200), Duration.ofMillis(400));
    }

    /** Retries without end: 200 ms, doubling up to 5 s between attempts. */
    public static Retry forever() {
        return new Retry(UNBOUNDED, Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /** Whether attempt number {@code attempt} (1-based) may be followed by another. */
    boolean allowsAnother(int attempt) {
        return maxAttempts == UNBOUNDED || attempt < maxAttempts;
    }

    /** The pause after failed attempt number {@code attempt} (1-based). */
    Duration backoffAfter(int attempt) {
        long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
