package dev.nautilus.engines.risk;

/**
 * A limit breach ({@code RISK_METRIC}, topic {@code risk.alert.<kind>}).
 *
 * @param kind            e.g. {@code drawdown}
 * @param account         account name
 * @param timestampMicros when
 * @param value           the measured value
 * @param limit           the limit it passed
 * @param message         in words
 */
public record RiskAlert(
        String kind, String account, long timestampMicros, double value, double limit, String message) {}
