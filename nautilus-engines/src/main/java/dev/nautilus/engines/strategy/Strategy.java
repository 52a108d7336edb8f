package dev.nautilus.engines.strategy;

import dev.nautilus.engines.strategy.spi.StrategyState;
import java.math.BigDecimal;
import java.util.Optional;

/** A strategy fed prices one at a time; emits a signal only when its target changes. */
public interface Strategy extends StrategyState {

    /** Name carried by every signal, e.g. {@code ma_cross}. */
    String name();

    /**
     * Consumes a price of {@code instrument}; returns a signal if the target position changed.
     *
     * @throws IllegalArgumentException unless {@code price} is finite and positive
     */
    Optional<Signal> onPrice(String instrument, long timestampMicros, double price);

    /** The last target emitted for {@code instrument}; zero before any. */
    BigDecimal currentTarget(String instrument);
}
