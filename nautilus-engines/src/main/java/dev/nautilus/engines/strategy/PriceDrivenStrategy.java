package dev.nautilus.engines.strategy;

import dev.nautilus.engines.strategy.spi.BarInputs;
import dev.nautilus.engines.strategy.spi.Decision;
import dev.nautilus.engines.strategy.spi.TradingStrategy;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** A {@link Strategy} fed each bar's close, as a {@link TradingStrategy}: its signals become decisions. */
public final class PriceDrivenStrategy implements TradingStrategy {

    private final Strategy inner;

    /** @param inner the strategy to feed with closes */
    public PriceDrivenStrategy(Strategy inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Optional<Decision> onBar(BarInputs inputs) {
        return inner.onPrice(
                        inputs.bar().instrument(),
                        inputs.bar().endMicros(),
                        inputs.bar().close())
                .map(s -> new Decision(s.targetQuantity(), s.reason()));
    }

    @Override
    public Optional<String> saveState() {
        return inner.saveState();
    }

    @Override
    public void restoreState(String state) {
        inner.restoreState(state);
    }

    @Override
    public Optional<String> saveInstruments(Predicate<String> instruments) {
        return inner.saveInstruments(instruments);
    }

    @Override
    public void replaceInstruments(Predicate<String> instruments, Optional<String> state) {
        inner.replaceInstruments(instruments, state);
    }
}
