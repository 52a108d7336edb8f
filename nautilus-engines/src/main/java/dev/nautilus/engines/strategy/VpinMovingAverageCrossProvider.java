package dev.nautilus.engines.strategy;

import dev.nautilus.engines.strategy.spi.StrategyParameters;
import dev.nautilus.engines.strategy.spi.StrategyProvider;
import dev.nautilus.engines.strategy.spi.TradingStrategy;
import java.util.Map;

/** {@value StrategyEngine#TRADED}, the default: the MA cross standing aside while VPIN flags toxic flow. */
public final class VpinMovingAverageCrossProvider implements StrategyProvider {

    @Override
    public String name() {
        return StrategyEngine.TRADED;
    }

    @Override
    public String description() {
        return "the MA cross, flat while VPIN flags toxic order flow (the platform's traded strategy)";
    }

    @Override
    public Map<String, String> parameters() {
        return MovingAverageCrossProvider.maParameters();
    }

    @Override
    public TradingStrategy create(StrategyParameters p) {
        return new VpinMovingAverageCross(MovingAverageCrossProvider.cross(p));
    }
}
