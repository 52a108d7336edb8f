package dev.nautilus.store.model;

import java.time.Duration;
import java.util.Arrays;

/** The bar intervals the {@code bars} table stores; the label is what the {@code interval} column holds. */
public enum BarInterval {
    ONE_SECOND("1s", Duration.ofSeconds(1)),
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    ONE_HOUR("1h", Duration.ofHours(1)),
    ONE_DAY("1d", Duration.ofDays(1));

    private final String label;
    private final Duration duration;

    BarInterval(String label, Duration duration) {
        this.label = label;
        this.duration = duration;
    }

    /** The stored label, e.g. {@code 1m}. */
    public String label() {
        return label;
    }

    /** The bar length. */
    public Duration duration() {
        return duration;
    }

    /** Parses a stored label; refuses anything not in the list. */
    public static BarInterval ofLabel(String label) {
        return Arrays.stream(values())
                .filter(i -> i.label.equals(label))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("interval must be one of 1s, 1m, 1h, 1d, was " + label));
    }
}
