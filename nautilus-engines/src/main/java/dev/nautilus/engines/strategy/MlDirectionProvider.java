package dev.nautilus.engines.strategy;

import dev.nautilus.engines.strategy.spi.StrategyParameters;
import dev.nautilus.engines.strategy.spi.StrategyProvider;
import dev.nautilus.engines.strategy.spi.TradingStrategy;
import java.util.Map;

/** {@value MlDirectionStrategy#NAME}: trades the ML engine's forecast of the next close ({@link MlDirectionStrategy}). */
public final class MlDirectionProvider implements StrategyProvider {

    @Override
    public String name() {
        return MlDirectionStrategy.NAME;
    }

    @Override
    public String description() {
        return "long while the ML engine's P(next close up) > long_above, short (or flat) while < short_below";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("long_above", "0.55", "short_below", "0.45", "quantity", "1", "short", "true");
    }

    @Override
    public TradingStrategy create(StrategyParameters p) {
        return new MlDirectionStrategy(
                p.number("long_above"), p.number("short_below"), p.decimal("quantity"), p.bool("short"));
    }
}
