package dev.nautilus.engines.analytics;

import java.util.Objects;

/**
 * How the Analytics engine annualises and groups returns.
 *
 * @param periodsPerYear portfolio updates per year, {@code N} in {@code sqrt(N)}; {@code > 0}
 * @param calendarPeriod the calendar period whose returns are reported (UTC)
 */
public record AnalyticsConfig(double periodsPerYear, CalendarPeriod calendarPeriod) {

    /** One-minute bars of a market trading around the clock (crypto): 365 × 24 × 60 periods a year. */
    public static final double MINUTES_PER_YEAR = 365 * 24 * 60;
    /** Daily bars of an exchange-traded stock: 252 trading days a year. */
    public static final double TRADING_DAYS_PER_YEAR = 252;

    public AnalyticsConfig {
        if (!(periodsPerYear > 0) || Double.isInfinite(periodsPerYear)) {
            throw new IllegalArgumentException("periodsPerYear must be finite and > 0, was " + periodsPerYear);
        }
        Objects.requireNonNull(calendarPeriod, "calendarPeriod");
    }

    /** One-minute bars around the clock, daily period returns (the BTC replay). */
    public static AnalyticsConfig minuteBars() {
        return new AnalyticsConfig(MINUTES_PER_YEAR, CalendarPeriod.DAY);
    }

    /** Daily bars of a stock, monthly period returns. */
    public static AnalyticsConfig dailyBars() {
        return new AnalyticsConfig(TRADING_DAYS_PER_YEAR, CalendarPeriod.MONTH);
    }
}
