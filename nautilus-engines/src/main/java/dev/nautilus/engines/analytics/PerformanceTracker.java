package dev.nautilus.engines.analytics;

import dev.nautilus.engines.portfolio.PortfolioUpdate;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The performance of one account, updated from its portfolio updates in order, O(instruments) per
 * update: the calculators of this package fed from what a {@link PortfolioUpdate} carries.
 *
 * <p>Trades are read off the positions: a change of an instrument's quantity between two updates is
 * a trade of that size at the update's mark; a change that reduces, closes or reverses a position is
 * a closing trade whose P&amp;L is the change in realised P&amp;L over the update. Single-writer.
 */
public final class PerformanceTracker {

    private final String account;
    private final AnalyticsConfig config;
    private final SharpeRatio sharpe = new SharpeRatio();
    private final SortinoRatio sortino = new SortinoRatio();
    private final MaxDrawdown drawdown = new MaxDrawdown();
    private final HitRate hits = new HitRate();
    private final Turnover turnover = new Turnover();
    private final PeriodReturns periods;
    private PortfolioUpdate previous;
    private double startEquity;
    private long observations;

    /** Performance and, when an update opened a new calendar period, the return of the period it closed. */
    public record Step(PerformanceSummary summary, Optional<PeriodReturn> completedPeriod) {}

    public PerformanceTracker(String account, AnalyticsConfig config) {
        this.account = account;
        this.config = config;
        this.periods = new PeriodReturns(account, config.calendarPeriod());
    }

    /**
     * Adds the next portfolio update of this account.
     *
     * @throws IllegalArgumentException for another account, time going backwards, or a first equity that is not positive
     */
    public Step update(PortfolioUpdate update) {
        if (!update.account().equals(account)) {
            throw new IllegalArgumentException(
                    "update of account " + update.account() + " given to the tracker of " + account);
        }
        long at = update.timestampMicros();
        double equity = update.equity().doubleValue();
        drawdown.update(at, equity);
        if (previous == null) {
            startEquity = equity;
        } else {
            double r = equity / previous.equity().doubleValue() - 1;
            sharpe.add(r);
            sortino.add(r);
            recordTrades(previous, update);
        }
        turnover.onEquity(equity);
        observations++;
        Optional<PeriodReturn> completed = periods.update(at, equity);
        previous = update;
        return new Step(summary(at, equity), completed);
    }

    private void recordTrades(PortfolioUpdate before, PortfolioUpdate after) {
        boolean closing = false;
        TreeSet<String> instruments = new TreeSet<>(before.positions().keySet());
        instruments.addAll(after.positions().keySet());
        for (String instrument : instruments) {
            BigDecimal from = before.positions().getOrDefault(instrument, BigDecimal.ZERO);
            BigDecimal to = after.positions().getOrDefault(instrument, BigDecimal.ZERO);
            BigDecimal traded = to.subtract(from);
            if (traded.signum() == 0) {
                continue;
            }
            turnover.onTrade(traded.multiply(markOf(after.marks(), instrument)));
            closing |= from.signum() != 0
                    && (to.signum() != from.signum() || to.abs().compareTo(from.abs()) < 0);
        }
        if (closing) {
            hits.onClose(after.realised().subtract(before.realised()).doubleValue());
        }
    }

    private static BigDecimal markOf(Map<String, BigDecimal> marks, String instrument) {
        BigDecimal mark = marks.get(instrument);
        if (mark == null) {
            throw new IllegalArgumentException(
                    "portfolio update changes a position in " + instrument + " without a mark for it");
        }
        return mark;
    }

    private PerformanceSummary summary(long at, double equity) {
        double n = config.periodsPerYear();
        long periodCount = observations - 1;
        return new PerformanceSummary(
                account,
                at,
                observations,
                startEquity,
                equity,
                equity / startEquity - 1,
                sharpe.count() == 0 ? null : sharpe.mean(),
                sharpe.count() < 2 ? null : sharpe.standardDeviation(),
                sharpe.annualised(n),
                sortino.annualised(n),
                n,
                drawdown.episode(),
                drawdown.current(),
                hits.closedTrades(),
                hits.rate(),
                turnover.tradedNotional(),
                turnover.total(),
                turnover.annualised(n, periodCount),
                periods.current());
    }
}
