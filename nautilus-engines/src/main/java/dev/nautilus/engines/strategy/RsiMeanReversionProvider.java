package dev.nautilus.engines.strategy;

import dev.nautilus.engines.strategy.spi.StrategyParameters;
import dev.nautilus.engines.strategy.spi.StrategyProvider;
import dev.nautilus.engines.strategy.spi.TradingStrategy;
import java.util.Map;

/** {@value StrategyEngine#RSI}: {@link RsiMeanReversionStrategy}, classically RSI(14) 30 / 70, exit at 50. */
public final class RsiMeanReversionProvider implements StrategyProvider {

    @Override
    public String name() {
        return StrategyEngine.RSI;
    }

    @Override
    public String description() {
        return "buy when RSI < oversold, short when > overbought, close at the exit level";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of(
                "period", "14", "oversold", "30", "overbought", "70", "exit", "50", "quantity", "1", "short", "true");
    }

    @Override
    public TradingStrategy create(StrategyParameters p) {
        return new PriceDrivenStrategy(new RsiMeanReversionStrategy(
                p.integer("period"),
                p.number("oversold"),
                p.number("overbought"),
                p.number("exit"),
                p.decimal("quantity"),
                p.bool("short")));
    }
}
