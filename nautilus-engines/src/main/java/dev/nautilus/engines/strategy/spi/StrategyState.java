package dev.nautilus.engines.strategy.spi;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * The state a strategy keeps, so that a restarted or scaled-out Strategy engine continues it: the
 * same hooks for a {@link TradingStrategy} and a price-driven {@code Strategy}.
 */
public interface StrategyState {

    /** The strategy's name, as its signals carry it. */
    String name();

    /**
     * This strategy's state as text (JSON by convention), so that a restarted Strategy engine
     * continues it; by default every instrument's {@link #saveInstruments}, and so empty when it
     * keeps none it can save: a restarted engine then runs it from its initial state. The state must
     * not share mutable objects with the strategy.
     */
    default Optional<String> saveState() {
        return saveInstruments(instrument -> true);
    }

    /**
     * Replaces the state with one {@link #saveState} returned, before the first bar; by default
     * every instrument's ({@link #replaceInstruments}).
     *
     * @throws UnsupportedOperationException by default when the strategy saves no state
     * @throws IllegalArgumentException when {@code state} is not a state of this strategy
     */
    default void restoreState(String state) {
        if (saveInstruments(instrument -> false).isEmpty()) {
            throw new UnsupportedOperationException(name() + " keeps no state it can restore (saveState is empty)");
        }
        replaceInstruments(instrument -> true, Optional.of(state));
    }

    /**
     * The state of the instruments {@code instruments} accepts, as text, for a Strategy engine
     * scaled out over partitions (each partition's instruments checkpointed apart); empty (the
     * default) when it cannot save state per instrument, and then the engine rebuilds a partition
     * that moved by replaying its streams. It must not share mutable objects with the strategy.
     */
    default Optional<String> saveInstruments(Predicate<String> instruments) {
        return Optional.empty();
    }

    /**
     * Replaces the state of every instrument {@code instruments} accepts with the one in {@code
     * state} (a {@link #saveInstruments} result), or drops their state when it is empty; the other
     * instruments keep theirs.
     *
     * @throws UnsupportedOperationException by default: the strategy saves no state per instrument
     * @throws IllegalArgumentException when {@code state} is not a state of this strategy
     */
    default void replaceInstruments(Predicate<String> instruments, Optional<String> state) {
        throw new UnsupportedOperationException(name() + " keeps no state per instrument it can restore");
    }
}
