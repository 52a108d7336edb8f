package dev.nautilus.app.backtest;

/**
 * One point of the equity curve: the account after a bar.
 *
 * @param timestampMicros the bar's end
 * @param equity          cash plus marked positions, as the Analytics engine saw it
 */
public record EquityPoint(long timestampMicros, double equity) {}
