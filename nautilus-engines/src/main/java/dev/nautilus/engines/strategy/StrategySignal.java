package dev.nautilus.engines.strategy;

import java.math.BigDecimal;

/**
 * A strategy's target position for an instrument at the close of a bar ({@code STRATEGY_SIGNAL},
 * topic {@code strategy.signal.<strategy>.<instrument>}). The traded strategy publishes one per bar:
 * {@code changed = false} restates the target (and carries the price the portfolio marks at),
 * {@code changed = true} is a new target — a signal in the usual sense.
 *
 * @param strategy        strategy name, e.g. {@code vpin_ma_cross}
 * @param instrument      instrument symbol
 * @param timestampMicros end of the bar it was decided at
 * @param price           the bar's close, the price the decision was made at
 * @param targetQuantity  signed target position
 * @param changed         whether the target changed at this bar
 * @param toxic           whether order flow was toxic (VPIN) at this bar
 * @param reason          why, when changed; otherwise empty
 */
public record StrategySignal(
        String strategy,
        String instrument,
        long timestampMicros,
        double price,
        BigDecimal targetQuantity,
        boolean changed,
        boolean toxic,
        String reason) {

    /** As a {@link Signal}, for execution. */
    public Signal toSignal() {
        return new Signal(instrument, strategy, targetQuantity, reason.isEmpty() ? "hold" : reason, timestampMicros);
    }
}
