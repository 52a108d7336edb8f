/**
 * The Backtesting engine (8110): a thin face on the bus over the backtester, which lives in the
 * composition root (it builds a whole pipeline of engines on buses of its own).
 */
package dev.nautilus.engines.backtesting;
