package dev.nautilus.engines.strategy;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.strategy.spi.BarInputs;
import dev.nautilus.engines.strategy.spi.Decision;
import dev.nautilus.engines.strategy.spi.StrategyInput;
import dev.nautilus.engines.strategy.spi.TradingStrategy;
import dev.nautilus.engines.vpin.VpinStatus;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The platform's traded strategy, {@value StrategyEngine#TRADED}: a moving-average cross that stands
 * aside (flat) while VPIN says order flow is toxic ({@link VpinFilteredStrategy}). At each bar the
 * toxicity is applied first, then the close; when both change the target, the price's signal is the
 * one reported.
 */
public final class VpinMovingAverageCross implements TradingStrategy {

    private final VpinFilteredStrategy filtered;

    /** @param maCross the cross to filter */
    public VpinMovingAverageCross(MovingAverageCrossStrategy maCross) {
        this.filtered = new VpinFilteredStrategy(maCross);
    }

    @Override
    public String name() {
        return StrategyEngine.TRADED;
    }

    @Override
    public Set<StrategyInput> inputs() {
        return Set.of(StrategyInput.VPIN);
    }

    @Override
    public Optional<Decision> onBar(BarInputs inputs) {
        Bar bar = inputs.bar();
        VpinStatus status = inputs.vpin();
        Optional<Signal> fromToxicity = filtered.onToxicity(
                bar.instrument(), bar.endMicros(), status.toxic(), "VPIN " + status.vpin() + " CDF " + status.cdf());
        Optional<Signal> fromPrice = filtered.onPrice(bar.instrument(), bar.endMicros(), bar.close());
        Optional<Signal> signal = fromPrice.isPresent() ? fromPrice : fromToxicity;
        return signal.map(s -> new Decision(filtered.currentTarget(bar.instrument()), s.reason()));
    }

    @Override
    public Optional<String> saveState() {
        return filtered.saveState();
    }

    @Override
    public void restoreState(String state) {
        filtered.restoreState(state);
    }

    @Override
    public Optional<String> saveInstruments(Predicate<String> instruments) {
        return filtered.saveInstruments(instruments);
    }

    @Override
    public void replaceInstruments(Predicate<String> instruments, Optional<String> state) {
        filtered.replaceInstruments(instruments, state);
    }
}
