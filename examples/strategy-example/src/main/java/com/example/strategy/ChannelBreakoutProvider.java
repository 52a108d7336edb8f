package com.example.strategy;

import dev.nautilus.engines.strategy.spi.StrategyParameters;
import dev.nautilus.engines.strategy.spi.StrategyProvider;
import dev.nautilus.engines.strategy.spi.TradingStrategy;
import java.util.Map;

/** Registers {@link ChannelBreakoutStrategy} under the name {@value #NAME} (see META-INF/services). */
public final class ChannelBreakoutProvider implements StrategyProvider {

    public static final String NAME = "channel_breakout";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "long above the highest high of the last `period` bars, flat below the lowest low (example)";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("period", "20", "quantity", "1");
    }

    @Override
    public TradingStrategy create(StrategyParameters parameters) {
        return new ChannelBreakoutStrategy(parameters.integer("period"), parameters.decimal("quantity"));
    }
}
