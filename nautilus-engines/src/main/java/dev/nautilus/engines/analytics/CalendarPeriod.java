package dev.nautilus.engines.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** A calendar period in UTC, named by a label that sorts in time order ({@code 2013-11-25}, {@code 2013-11}, {@code 2013}). */
public enum CalendarPeriod {
    DAY,
    MONTH,
    YEAR;

    /** The label of the period containing {@code timestampMicros}. */
    public String label(long timestampMicros) {
        ZonedDateTime t = Instant.EPOCH
                .plusNanos(Math.multiplyExact(timestampMicros, 1_000L))
                .atZone(ZoneOffset.UTC);
        return switch (this) {
            case DAY -> t.toLocalDate().toString();
            case MONTH -> String.format(java.util.Locale.ROOT, "%04d-%02d", t.getYear(), t.getMonthValue());
            case YEAR -> String.format(java.util.Locale.ROOT, "%04d", t.getYear());
        };
    }
}
