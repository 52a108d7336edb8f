package dev.nautilus.engines.strategy;

import dev.nautilus.engines.strategy.spi.StrategyParameters;
import dev.nautilus.engines.strategy.spi.StrategyProvider;
import dev.nautilus.engines.strategy.spi.TradingStrategy;
import java.util.Map;

/** {@code ma_cross}: the plain moving-average cross ({@link MovingAverageCrossStrategy}), no VPIN filter. */
public final class MovingAverageCrossProvider implements StrategyProvider {

    @Override
    public String name() {
        return "ma_cross";
    }

    @Override
    public String description() {
        return "long while SMA(fast) > SMA(slow), short (or flat) while below";
    }

    @Override
    public Map<String, String> parameters() {
        return maParameters();
    }

    @Override
    public TradingStrategy create(StrategyParameters p) {
        return new PriceDrivenStrategy(cross(p));
    }

    /** The parameters of both MA crosses: periods, size, shorting. */
    static Map<String, String> maParameters() {
        return Map.of("fast", "10", "slow", "30", "quantity", "1", "short", "true");
    }

    /** The cross the parameters describe; the error names them as the command line does. */
    static MovingAverageCrossStrategy cross(StrategyParameters p) {
        int fast = p.integer("fast");
        int slow = p.integer("slow");
        if (fast < 2 || slow <= fast) {
            throw new IllegalArgumentException("need 2 <= fast < slow, was fast=" + fast + " slow=" + slow);
        }
        return new MovingAverageCrossStrategy(fast, slow, p.decimal("quantity"), p.bool("short"));
    }
}
