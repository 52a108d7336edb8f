package dev.nautilus.store.repository;

import java.time.Instant;
import java.util.Objects;

/**
 * A half-open time range {@code [from, to)}.
 *
 * @param from inclusive start
 * @param to   exclusive end, not before {@code from}
 */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to must not be before from: from=" + from + " to=" + to);
        }
    }

    /** Every representable time both stores accept (years 1 to 9999). */
    public static TimeRange all() {
        return new TimeRange(Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T00:00:00Z"));
    }
}
