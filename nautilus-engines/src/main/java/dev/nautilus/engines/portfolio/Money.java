package dev.nautilus.engines.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The portfolio's one rounding rule and the double → BigDecimal conversion. */
public final class Money {

    /** Decimal places kept where a division or rate forces rounding. */
    public static final int SCALE = 8;
    /** Banker's rounding: unbiased over many fills. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    private Money() {}

    /** Rounds to {@link #SCALE} places. */
    public static BigDecimal round(BigDecimal v) {
        return v.setScale(SCALE, ROUNDING);
    }

    /** A finite, positive market price as BigDecimal (shortest round-tripping decimal). */
    public static BigDecimal price(String field, double price) {
        if (!Double.isFinite(price) || price <= 0) {
            throw new IllegalArgumentException(field + " must be finite and > 0, was " + price);
        }
        return BigDecimal.valueOf(price);
    }
}
