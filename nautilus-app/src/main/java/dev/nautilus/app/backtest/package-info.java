/**
 * The backtester (issue #5): replays history through the same engines as {@code up}, on fresh
 * in-memory buses, as fast as possible, trading any strategy of the strategy SPI, and writes a report
 * (text, JSON, equity-curve SVG, an HTML tearsheet and the fills as CSV; a sweep also a sortable page
 * with a heat map).
 *
 * <p><b>Determinism.</b> A report is a function of the source and the parameters only: every engine
 * reads one ordered stream (or joins two by bar, see the Strategy engine), nothing in a report
 * comes from the wall clock, a thread's timing or a hash order, and numbers are formatted with
 * fixed patterns in {@code Locale.ROOT}. The same run twice gives the same bytes
 * ({@code BacktestDeterminismTest}); wall time and throughput go to the terminal only.
 */
package dev.nautilus.app.backtest;
