package dev.nautilus.engines.strategy.spi;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A strategy's wish after a bar: hold {@code target} (signed, negative = short, in base units).
 *
 * @param target signed target position
 * @param reason why, in words with the numbers that triggered it
 */
public record Decision(BigDecimal target, String reason) {

    public Decision {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
    }
}
