package dev.nautilus.engines.strategy.spi;

import java.util.Optional;
import java.util.Set;

/**
 * A strategy the Strategy engine runs: one call per bar and instrument, in bar order, single-threaded
 * (an instance may keep per-instrument state without locks). It must be deterministic — a function of
 * the inputs seen so far — so that a backtest gives the same report twice and over any transport.
 */
public interface TradingStrategy extends StrategyState {

    /** Name carried by its signals and in their topic {@code strategy.signal.<name>.<instrument>}. */
    String name();

    /** The inputs it needs beyond the bar; the engine joins them by bar before calling {@link #onBar}. */
    default Set<StrategyInput> inputs() {
        return Set.of(StrategyInput.VPIN);
    }

    /**
     * Decides at the close of a bar.
     *
     * @return a target to hold from now on, or empty to keep the current one (a target equal to the
     *         current one is no change)
     */
    Optional<Decision> onBar(BarInputs inputs);
}
