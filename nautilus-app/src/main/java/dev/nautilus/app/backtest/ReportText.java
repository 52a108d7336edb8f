package dev.nautilus.app.backtest;

import dev.nautilus.engines.analytics.DrawdownEpisode;
import dev.nautilus.engines.analytics.PerformanceSummary;
import dev.nautilus.engines.analytics.PeriodReturn;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A backtest report as text for people: fixed formats, {@code Locale.ROOT}, so the same report gives the same text. */
public final class ReportText {

    private ReportText() {}

    /** The report's text, lines ending in {@code \n}. */
    public static String render(BacktestReport r) {
        PerformanceSummary p = r.performance();
        var s = r.parameters();
        StringBuilder out = new StringBuilder();
        line(
                out,
                "Nautilus backtest: MA cross %d/%d, %s %s, shorts %s",
                s.fastPeriod(),
                s.slowPeriod(),
                s.quantity().toPlainString(),
                "per signal",
                s.allowShort() ? "allowed" : "not allowed");
        line(out, "data          %s: %s", r.source(), r.description());
        List<EquityPoint> curve = r.equityCurve();
        line(
                out,
                "bar ends      %s .. %s",
                time(curve.getFirst().timestampMicros()),
                time(curve.getLast().timestampMicros()));
        line(
                out,
                "events        %,d fed, %,d bars, %,d signals, %,d fills, %,d refused by pre-trade risk",
                r.events(),
                r.bars(),
                r.signals(),
                r.fills(),
                r.riskRejections());
        out.append('\n');
        line(
                out,
                "equity        %,.2f -> %,.2f (exact: %s)",
                p.startEquity(),
                p.equity(),
                r.finalEquity().toPlainString());
        line(out, "return        %s cumulative", percent(p.cumulativeReturn()));
        line(
                out,
                "Sharpe        %s   annualised: mean / sample stdev of per-bar returns x sqrt(%s), risk-free 0",
                number(p.sharpe()),
                plain(p.periodsPerYear()));
        line(
                out,
                "Sortino       %s   annualised: mean / downside deviation (target 0, over all bars) x sqrt(%s)",
                number(p.sortino()),
                plain(p.periodsPerYear()));
        line(out, "volatility    %s per bar", p.periodVolatility() == null ? "n/a" : share(p.periodVolatility()));
        DrawdownEpisode dd = p.maxDrawdown();
        line(
                out,
                "max drawdown  %s from the peak at %s to the trough at %s, %s",
                share(dd.depth()),
                time(dd.peakMicros()),
                time(dd.troughMicros()),
                dd.recoveryMicros() == null ? "not recovered" : "recovered at " + time(dd.recoveryMicros()));
        line(
                out,
                "hit rate      %s of %,d closing trades (realised P&L > 0, before fees)",
                p.hitRate() == null ? "n/a" : share(p.hitRate()),
                p.closedTrades());
        line(
                out,
                "turnover      %s x mean equity (%s a year); %s traded at decision prices",
                number(p.turnover()),
                number(p.annualisedTurnover()),
                p.tradedNotional().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString());
        line(
                out,
                "P&L           realised %s, fees %s",
                r.realised().toPlainString(),
                r.fees().toPlainString());
        out.append('\n');
        line(
                out,
                "period returns (UTC %s):",
                s.analytics().calendarPeriod().name().toLowerCase(Locale.ROOT));
        List<PeriodReturn> periods = new ArrayList<>(r.periodReturns());
        for (PeriodReturn period : periods) {
            line(out, "  %-12s %9s", period.period(), percent(period.periodReturn()));
        }
        PeriodReturn open = p.currentPeriod();
        line(out, "  %-12s %9s  (to the last bar)", open.period(), percent(open.periodReturn()));
        return out.toString();
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    static String time(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString();
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.2f %%", fraction * 100);
    }

    private static String share(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    private static String number(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String plain(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
