package dev.nautilus.app.backtest;

import dev.nautilus.app.engines.PipelineRun;
import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.engines.analytics.PerformanceSummary;
import dev.nautilus.engines.analytics.PeriodReturn;
import dev.nautilus.engines.portfolio.PortfolioUpdate;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a backtest produced: its inputs, counts, the Analytics engine's final figures, the calendar
 * period returns and the equity curve. Holds nothing measured on the wall clock (see the package doc).
 *
 * @param source         the data source's name
 * @param description    what the data is
 * @param parameters     the pipeline parameters
 * @param events         trades or bars the hub accepted
 * @param bars           bars published (one portfolio update each)
 * @param signals        target changes of the traded strategy
 * @param fills          fills booked by the paper portfolio
 * @param riskRejections signals refused by the pre-trade risk check
 * @param finalEquity    equity after the last bar, exact
 * @param realised       realised P&amp;L, exact
 * @param fees           fees paid, exact
 * @param performance    the Analytics engine's summary after the last bar
 * @param periodReturns  completed calendar periods, in order (the last, open period is in {@code performance})
 * @param equityCurve    equity after every bar, in order
 */
public record BacktestReport(
        String source,
        String description,
        PipelineSettings parameters,
        long events,
        long bars,
        long signals,
        long fills,
        long riskRejections,
        BigDecimal finalEquity,
        BigDecimal realised,
        BigDecimal fees,
        PerformanceSummary performance,
        List<PeriodReturn> periodReturns,
        List<EquityPoint> equityCurve) {

    public BacktestReport {
        periodReturns = List.copyOf(periodReturns);
        equityCurve = List.copyOf(equityCurve);
    }

    /**
     * The report of a finished pipeline run.
     *
     * @throws IllegalStateException when the run produced no bar (nothing to report on)
     */
    public static BacktestReport of(BacktestSource source, PipelineSettings parameters, PipelineRun.Outcome outcome) {
        if (outcome.portfolio() == null || outcome.analytics() == null) {
            throw new IllegalStateException(
                    "the backtest of " + source.name() + " produced no bar: " + outcome.trades() + " events accepted");
        }
        PortfolioUpdate last = outcome.portfolio();
        List<EquityPoint> curve = outcome.portfolioUpdates().stream()
                .map(u -> new EquityPoint(u.timestampMicros(), u.equity().doubleValue()))
                .toList();
        return new BacktestReport(
                source.name(),
                source.description(),
                parameters,
                outcome.trades(),
                outcome.bars(),
                outcome.signals().size(),
                last.fills(),
                last.rejections(),
                last.equity(),
                last.realised(),
                last.fees(),
                outcome.analytics(),
                outcome.periodReturns(),
                curve);
    }
}
