package dev.nautilus.engines.analytics;

import java.math.BigDecimal;

/**
 * An account's performance after a portfolio update ({@code ANALYTICS_RESULT} on
 * {@code analytics.result.summary.<account>}). See the package documentation for the conventions;
 * a {@code null} figure is undefined so far.
 *
 * @param account              account name
 * @param timestampMicros      the portfolio update's time
 * @param observations         portfolio updates seen (periods = observations - 1)
 * @param startEquity          equity at the first update
 * @param equity               equity now
 * @param cumulativeReturn     {@code equity / startEquity - 1}
 * @param meanPeriodReturn     mean of the period returns, {@code null} before the second update
 * @param periodVolatility     sample standard deviation of the period returns
 * @param sharpe               annualised Sharpe ratio
 * @param sortino              annualised Sortino ratio
 * @param periodsPerYear       {@code N} used to annualise
 * @param maxDrawdown          the deepest drawdown and its dates
 * @param currentDrawdown      drawdown from the running peak now
 * @param closedTrades         position-reducing updates so far
 * @param hitRate              share of closed trades with positive realised P&amp;L
 * @param tradedNotional       notional traded so far at the decision prices
 * @param turnover             traded notional / mean equity
 * @param annualisedTurnover   turnover · N / periods
 * @param currentPeriod        the calendar period to date
 */
public record PerformanceSummary(
        String account,
        long timestampMicros,
        long observations,
        double startEquity,
        double equity,
        double cumulativeReturn,
        Double meanPeriodReturn,
        Double periodVolatility,
        Double sharpe,
        Double sortino,
        double periodsPerYear,
        DrawdownEpisode maxDrawdown,
        double currentDrawdown,
        long closedTrades,
        Double hitRate,
        BigDecimal tradedNotional,
        Double turnover,
        Double annualisedTurnover,
        PeriodReturn currentPeriod) {}
