package dev.nautilus.store.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Field checks shared by the stored records. Every failure is an {@link IllegalArgumentException}
 * (or {@link NullPointerException} for a missing field) whose message starts with the field name, so
 * a refused row says exactly what was wrong with it.
 */
public final class Require {

    /** Largest number of decimal places a fixed-point column keeps (NUMERIC/DECIMAL(38,12)). */
    public static final int MAX_SCALE = 12;

    private Require() {}

    /** A required timestamp, truncated to microseconds: both stores keep microseconds, no more. */
    public static Instant time(Instant value, String field) {
        if (value == null) {
            throw new NullPointerException(field + " is required");
        }
        return value.truncatedTo(ChronoUnit.MICROS);
    }

    /** A required, non-blank text. */
    public static String text(String value, String field) {
        if (value == null) {
            throw new NullPointerException(field + " is required");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    /** A required non-null value of any type. */
    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new NullPointerException(field + " is required");
        }
        return value;
    }

    /** A finite number (no NaN, no infinity). */
    public static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
        return value;
    }

    /** A finite number strictly greater than zero (prices). */
    public static double positive(double value, String field) {
        finite(value, field);
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
        return value;
    }

    /** A finite number greater than or equal to zero (sizes, volumes). */
    public static double nonNegative(double value, String field) {
        finite(value, field);
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    /** A count or sequence number that cannot be negative. */
    public static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    /**
     * A fixed-point amount, normalised (trailing zeros stripped) so that a value read back from either
     * store equals the one written; refused if it needs more than {@link #MAX_SCALE} decimal places or
     * more than 38 digits, which the columns could not hold without rounding.
     */
    public static BigDecimal amount(BigDecimal value, String field) {
        present(value, field);
        BigDecimal normal = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (normal.scale() > MAX_SCALE) {
            throw new IllegalArgumentException(
                    field + " has more than " + MAX_SCALE + " decimal places: " + value.toPlainString());
        }
        if (normal.precision() - normal.scale() > 38 - MAX_SCALE) {
            throw new IllegalArgumentException(field + " is too large: " + value.toPlainString());
        }
        return normal.scale() < 0 ? normal.setScale(0) : normal;
    }
}
