/**
 * Analytics: performance of a paper account from its portfolio updates — cumulative and calendar
 * period returns, annualised Sharpe and Sortino ratios, maximum drawdown with its dates, hit rate
 * and turnover.
 *
 * <p><b>Conventions</b> (the same in every class here):
 * <ul>
 *   <li>A <em>period</em> is the interval between two consecutive portfolio updates (one per bar:
 *       a minute for the BTC replay, a trading day for daily bars). The period return is the simple
 *       return of equity, {@code r_t = E_t / E_(t-1) - 1}.</li>
 *   <li>Sharpe = {@code mean(r) / stdev(r) · sqrt(N)}: risk-free rate 0, sample standard deviation
 *       (divisor n-1), {@code N} periods per year ({@link AnalyticsConfig}).</li>
 *   <li>Sortino = {@code mean(r) / DD · sqrt(N)} with the downside deviation
 *       {@code DD = sqrt(Σ min(r_t, 0)² / n)} over <em>all</em> n periods (target 0, the Sortino &amp;
 *       Price definition).</li>
 *   <li>Undefined figures (fewer than two returns, zero deviation) are {@code null}, never NaN.</li>
 *   <li>Drawdown is a fraction of the running peak, {@code (peak - E) / peak}.</li>
 * </ul>
 * Statistics are {@code double}; traded notional is summed exactly in {@code BigDecimal} (so the
 * result does not depend on the order instruments are visited in).
 */
package dev.nautilus.engines.analytics;
