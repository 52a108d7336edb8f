/**
 * The strategy SPI: what a strategy written outside Nautilus implements. A {@link
 * dev.nautilus.engines.strategy.spi.StrategyProvider} is found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/dev.nautilus.engines.strategy.spi.StrategyProvider} file in its jar), builds a
 * {@link dev.nautilus.engines.strategy.spi.TradingStrategy} from text parameters, and the Strategy engine
 * calls it once per bar with the inputs it declared. The built-in strategies are registered the same way.
 */
package dev.nautilus.engines.strategy.spi;
