package com.example.strategy;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.strategy.spi.BarInputs;
import dev.nautilus.engines.strategy.spi.Decision;
import dev.nautilus.engines.strategy.spi.TradingStrategy;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Donchian channel breakout: long when the close rises above the highest high of the previous
 * {@code period} bars, flat when it falls below the lowest low. Stands aside while VPIN flags toxic flow.
 */
public final class ChannelBreakoutStrategy implements TradingStrategy {

    private final int period;
    private final BigDecimal quantity;
    private final Map<String, ArrayDeque<Bar>> windows = new HashMap<>();
    private final Map<String, BigDecimal> targets = new HashMap<>();

    public ChannelBreakoutStrategy(int period, BigDecimal quantity) {
        if (period < 2) {
            throw new IllegalArgumentException("period must be >= 2, was " + period);
        }
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be > 0, was " + quantity);
        }
        this.period = period;
        this.quantity = quantity;
    }

    @Override
    public String name() {
        return ChannelBreakoutProvider.NAME;
    }

    @Override
    public Optional<Decision> onBar(BarInputs inputs) {
        Bar bar = inputs.bar();
        ArrayDeque<Bar> window = windows.computeIfAbsent(bar.instrument(), i -> new ArrayDeque<>());
        Optional<Decision> decision = Optional.empty();
        if (window.size() == period) {
            double high = window.stream().mapToDouble(Bar::high).max().orElseThrow();
            double low = window.stream().mapToDouble(Bar::low).min().orElseThrow();
            BigDecimal current = targets.getOrDefault(bar.instrument(), BigDecimal.ZERO);
            BigDecimal want = current;
            String why = "";
            if (inputs.vpin().toxic()) {
                want = BigDecimal.ZERO;
                why = "toxic flow";
            } else if (bar.close() > high) {
                want = quantity;
                why = "close " + bar.close() + " above the " + period + "-bar high " + high;
            } else if (bar.close() < low) {
                want = BigDecimal.ZERO;
                why = "close " + bar.close() + " below the " + period + "-bar low " + low;
            }
            if (want.compareTo(current) != 0) {
                targets.put(bar.instrument(), want);
                decision = Optional.of(new Decision(want, why));
            }
            window.removeFirst();
        }
        window.addLast(bar);
        return decision;
    }
}
