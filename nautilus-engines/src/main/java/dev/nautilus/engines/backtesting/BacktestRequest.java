package dev.nautilus.engines.backtesting;

/**
 * Asks the Backtesting engine to run a backtest ({@code SYSTEM_COORDINATION} on
 * {@code backtest.request.<anything>}, sent with {@code BusEndpoint.request}).
 *
 * @param data source name, e.g. {@code btc} or {@code aapl}
 * @param fast fast SMA period of the MA cross
 * @param slow slow SMA period
 */
public record BacktestRequest(String data, int fast, int slow) {}
