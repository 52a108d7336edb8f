package dev.nautilus.engines.strategy.spi;

import java.util.Map;

/**
 * A factory of one strategy, found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.nautilus.engines.strategy.spi.StrategyProvider}. It needs a public
 * no-argument constructor.
 */
public interface StrategyProvider {

    /** The name users select it by ({@code --strategy NAME}); also the name of the strategies it creates. */
    String name();

    /** One line for people: what it does. */
    String description();

    /** Every parameter it takes, with its default (shown sorted by name). A key not listed is refused. */
    Map<String, String> parameters();

    /**
     * A new strategy, with fresh state.
     *
     * @param parameters every parameter of {@link #parameters()}, defaults filled in
     * @throws IllegalArgumentException naming a parameter whose value is not acceptable
     */
    TradingStrategy create(StrategyParameters parameters);
}
