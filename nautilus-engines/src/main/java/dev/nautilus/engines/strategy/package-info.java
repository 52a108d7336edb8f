/**
 * Trading strategies that turn prices (and VPIN toxicity) into {@link dev.nautilus.engines.strategy.Signal}s
 * carrying a <em>target position</em>, not an order: the portfolio trades the difference, so a
 * repeated or re-delivered signal is harmless. Target quantities are {@link java.math.BigDecimal},
 * like positions. Strategies keep per-instrument state and are single-writer, not thread-safe.
 */
package dev.nautilus.engines.strategy;
