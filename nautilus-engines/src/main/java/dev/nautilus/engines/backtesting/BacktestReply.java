package dev.nautilus.engines.backtesting;

import dev.nautilus.engines.analytics.PerformanceSummary;

/**
 * The answer to a {@link BacktestRequest}: its figures, or why it could not run.
 *
 * @param request     what was asked
 * @param error       why it failed; {@code null} on success
 * @param events      trades or bars fed
 * @param bars        bars traded on
 * @param fills       fills booked
 * @param performance the Analytics engine's summary after the last bar; {@code null} on failure
 */
public record BacktestReply(
        BacktestRequest request, String error, long events, long bars, long fills, PerformanceSummary performance) {

    /** A failed request. */
    public static BacktestReply failed(BacktestRequest request, String error) {
        return new BacktestReply(request, error, 0, 0, 0, null);
    }
}
