package dev.nautilus.engines.strategy;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A strategy's wish to hold {@code targetQuantity} of an instrument.
 *
 * @param instrument      instrument symbol
 * @param strategy        name of the emitting strategy, e.g. {@code ma_cross}
 * @param targetQuantity  signed target position (negative = short), in base units
 * @param reason          why, in words with the numbers that triggered it
 * @param timestampMicros time of the input that triggered the signal
 */
public record Signal(
        String instrument, String strategy, BigDecimal targetQuantity, String reason, long timestampMicros) {

    public Signal {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(targetQuantity, "targetQuantity");
        Objects.requireNonNull(reason, "reason");
    }

    /** LONG, SHORT or FLAT from the sign of the target. */
    public TargetSide side() {
        return switch (targetQuantity.signum()) {
            case 1 -> TargetSide.LONG;
            case -1 -> TargetSide.SHORT;
            default -> TargetSide.FLAT;
        };
    }
}
