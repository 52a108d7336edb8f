/**
 * Trading strategies that turn prices (and VPIN toxicity) into {@link dev.nautilus.engines.strategy.Signal}s
 * carrying a <em>target position</em>, not an order: the portfolio trades the difference, so a
 * repeated or re-delivered signal is harmless. Target quantities are {@link java.math.BigDecimal},
 * like positions. Strategies keep per-instrument state and are single-writer, not thread-safe.
 *
 * <p>The Strategy engine runs strategies of the SPI in {@code spi} ({@link
 * dev.nautilus.engines.strategy.spi.TradingStrategy}); the built-ins are registered on it through
 * {@code META-INF/services} like a user's: {@code vpin_ma_cross}, {@code ma_cross},
 * {@code rsi_mean_reversion} and the ML-driven {@code ml_direction}.
 */
package dev.nautilus.engines.strategy;
