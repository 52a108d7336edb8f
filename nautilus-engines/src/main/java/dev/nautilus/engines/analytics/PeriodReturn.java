package dev.nautilus.engines.analytics;

/**
 * The return of one calendar period ({@code ANALYTICS_RESULT} on {@code analytics.result.period.<account>}).
 *
 * @param account     account name
 * @param period      calendar period label, e.g. {@code 2013-11-26} or {@code 2013-07}
 * @param startEquity equity at the end of the previous period (the first observation for the first period)
 * @param endEquity   equity at the last update of this period
 * @param periodReturn {@code endEquity / startEquity - 1}
 */
public record PeriodReturn(String account, String period, double startEquity, double endEquity, double periodReturn) {}
