package dev.nautilus.app.backtest;

import dev.nautilus.engines.analytics.DrawdownEpisode;
import dev.nautilus.engines.analytics.PerformanceSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A backtest's tearsheet, {@value #HTML}: the figures with their conventions, the equity and drawdown
 * curves (inline SVG), the monthly returns and the trades, in one self-contained page that opens
 * offline; and the fills as {@value #CSV}. Same report, same bytes.
 */
public final class Tearsheet {

    public static final String HTML = "report.html";
    public static final String CSV = "trades.csv";

    private static final double DAY_MICROS = 86_400_000_000.0;

    private Tearsheet() {}

    /** Writes both files into {@code directory} (created if absent); returns their paths. */
    public static List<Path> write(BacktestReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path html = directory.resolve(HTML);
        Path csv = directory.resolve(CSV);
        Files.writeString(html, html(report), StandardCharsets.UTF_8);
        Files.writeString(csv, csv(report.trades()), StandardCharsets.UTF_8);
        return List.of(html, csv);
    }

    /** The fills: {@code time,instrument,side,quantity,price,fee,realised_pnl}, time in UTC ISO-8601. */
    static String csv(List<TradeRecord> trades) {
        StringBuilder out = new StringBuilder("time,instrument,side,quantity,price,fee,realised_pnl\n");
        for (TradeRecord t : trades) {
            out.append(ReportText.time(t.timestampMicros()))
                    .append(',')
                    .append(t.instrument())
                    .append(',')
                    .append(t.side())
                    .append(',')
                    .append(t.quantity().toPlainString())
                    .append(',')
                    .append(t.price().toPlainString())
                    .append(',')
                    .append(t.fee().toPlainString())
                    .append(',')
                    .append(t.realised().toPlainString())
                    .append('\n');
        }
        return out.toString();
    }

    /**
     * Month returns from the equity curve: the last equity of a UTC month over the last of the month
     * before (the first month: over the first bar's equity), minus one. A bar ending at midnight
     * belongs to the month before, as in Analytics' calendar periods.
     */
    static Map<YearMonth, Double> monthlyReturns(List<EquityPoint> curve) {
        Map<YearMonth, Double> lastEquity = new TreeMap<>();
        for (EquityPoint p : curve) {
            lastEquity.put(
                    YearMonth.from(Instant.EPOCH
                            .plus(p.timestampMicros() - 1, ChronoUnit.MICROS)
                            .atOffset(ZoneOffset.UTC)),
                    p.equity());
        }
        Map<YearMonth, Double> returns = new TreeMap<>();
        double previous = curve.getFirst().equity();
        for (Map.Entry<YearMonth, Double> e : lastEquity.entrySet()) {
            returns.put(e.getKey(), e.getValue() / previous - 1);
            previous = e.getValue();
        }
        return returns;
    }

    /** Drawdown after every bar: {@code 1 - E_t / max(E_0..E_t)}, as a fraction. */
    static List<double[]> drawdowns(List<EquityPoint> curve) {
        List<double[]> out = new ArrayList<>(curve.size());
        double peak = Double.NEGATIVE_INFINITY;
        long start = curve.getFirst().timestampMicros();
        for (EquityPoint p : curve) {
            peak = Math.max(peak, p.equity());
            out.add(new double[] {(p.timestampMicros() - start) / DAY_MICROS, -(1 - p.equity() / peak) * 100});
        }
        return out;
    }

    static String html(BacktestReport r) {
        PerformanceSummary p = r.performance();
        TradeStatistics t = r.tradeStatistics();
        List<EquityPoint> curve = r.equityCurve();
        long start = curve.getFirst().timestampMicros();
        String first = ReportText.time(start);
        String last = ReportText.time(curve.getLast().timestampMicros());
        StringBuilder out = new StringBuilder();
        String title = "Nautilus backtest: " + ReportText.strategy(r.parameters()) + " on " + r.source();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(HtmlSvg.escape(title))
                .append("</title>\n<style>\n")
                .append(HtmlSvg.STYLE)
                .append("</style></head>\n<body>\n");
        out.append("<h1>").append(HtmlSvg.escape(title)).append("</h1>\n");
        out.append("<p class=\"note\">")
                .append(HtmlSvg.escape(r.source() + ": " + r.description()))
                .append("<br>bars ")
                .append(first)
                .append(" .. ")
                .append(last)
                .append(String.format(
                        Locale.ROOT,
                        "; %,d events, %,d bars, %,d signals, %,d fills, %,d refused by pre-trade risk",
                        r.events(),
                        r.bars(),
                        r.signals(),
                        r.fills(),
                        r.riskRejections()))
                .append("</p>\n");

        out.append(
                "<h2>Figures</h2>\n<table id=\"figures\"><tr><th class=\"l\">figure</th><th>value</th><th class=\"l\">convention</th></tr>\n");
        double n = p.periodsPerYear();
        String nText =
                n == Math.rint(n) ? String.format(Locale.ROOT, "%,.0f", n) : String.format(Locale.ROOT, "%.2f", n);
        figure(
                out,
                "equity",
                String.format(Locale.ROOT, "%,.2f → %,.2f", p.startEquity(), p.equity()),
                "cash plus positions marked at the bar close; exact final equity "
                        + r.finalEquity().toPlainString());
        figure(out, "cumulative return", ReportText.percent(p.cumulativeReturn()), "final equity / first equity − 1");
        figure(
                out,
                "Sharpe",
                ReportText.number(p.sharpe()),
                "mean / sample standard deviation of per-bar returns E_t/E_(t−1) − 1, × √" + nText
                        + ", risk-free rate 0");
        figure(
                out,
                "Sortino",
                ReportText.number(p.sortino()),
                "mean / downside deviation √(Σ min(r,0)² / n) over all bars (target 0), × √" + nText);
        figure(
                out,
                "volatility",
                p.periodVolatility() == null ? "n/a" : ReportText.share(p.periodVolatility()),
                "sample standard deviation of per-bar returns, not annualised");
        DrawdownEpisode dd = p.maxDrawdown();
        figure(
                out,
                "max drawdown",
                ReportText.share(dd.depth()),
                "largest fall from the running peak, as a fraction of the peak; peak "
                        + ReportText.time(dd.peakMicros()) + ", trough " + ReportText.time(dd.troughMicros()) + ", "
                        + (dd.recoveryMicros() == null
                                ? "not recovered"
                                : "recovered " + ReportText.time(dd.recoveryMicros())));
        figure(
                out,
                "hit rate",
                p.hitRate() == null ? "n/a" : ReportText.share(p.hitRate()),
                "share of the " + p.closedTrades()
                        + " closing trades (position reduced, closed or reversed) with realised P&L > 0, before fees");
        figure(
                out,
                "profit factor",
                ReportText.number(t.profitFactor()),
                "gross profit / gross loss of closing trades, realised, before fees ("
                        + t.grossProfit().toPlainString() + " / "
                        + t.grossLoss().toPlainString() + "); n/a without a losing trade");
        figure(
                out,
                "expectancy",
                ReportText.number(t.expectancy()),
                "mean realised P&L per closing trade, account currency, before fees (" + t.closingTrades() + " trades: "
                        + t.winners() + " won, " + t.losers() + " lost)");
        figure(
                out,
                "turnover",
                ReportText.number(p.turnover()),
                "traded notional at decision prices / mean equity; " + ReportText.number(p.annualisedTurnover())
                        + " a year");
        figure(out, "realised P&L", r.realised().toPlainString(), "exact, before fees");
        figure(out, "fees", r.fees().toPlainString(), "exact, paid on every fill");
        out.append("</table>\n");

        List<double[]> equity = curve.stream()
                .map(e -> new double[] {(e.timestampMicros() - start) / DAY_MICROS, e.equity()})
                .toList();
        out.append("<h2>Equity</h2>\n<p class=\"note\">account equity after every bar, against time (UTC)</p>\n");
        out.append(HtmlSvg.lineChart("equity-chart", equity, first, last, "equity", "%,.0f", false));
        out.append(
                "<h2>Drawdown</h2>\n<p class=\"note\">fall from the running peak after every bar, in percent of the peak</p>\n");
        out.append(HtmlSvg.lineChart("drawdown-chart", drawdowns(curve), first, last, "drawdown %", "%.2f%%", true));

        out.append(
                "<h2>Monthly returns</h2>\n<p class=\"note\">last equity of each UTC month over the last of the month before (the "
                        + "first month: over the first bar's equity), minus one; a bar ending at midnight counts in the day before</p>\n");
        out.append("<table id=\"monthly\"><tr><th class=\"l\">year</th>");
        for (int m = 1; m <= 12; m++) {
            out.append("<th>")
                    .append(java.time.Month.of(m).getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT))
                    .append("</th>");
        }
        out.append("<th>year</th></tr>\n");
        Map<Integer, Map<Integer, Double>> byYear = new TreeMap<>();
        monthlyReturns(curve)
                .forEach((ym, ret) -> byYear.computeIfAbsent(ym.getYear(), y -> new TreeMap<>())
                        .put(ym.getMonthValue(), ret));
        byYear.forEach((year, months) -> {
            out.append("<tr><td class=\"l\">").append(year).append("</td>");
            double compounded = 1;
            for (int m = 1; m <= 12; m++) {
                Double ret = months.get(m);
                out.append("<td>")
                        .append(ret == null ? "" : ReportText.percent(ret))
                        .append("</td>");
                compounded *= ret == null ? 1 : 1 + ret;
            }
            out.append("<td>").append(ReportText.percent(compounded - 1)).append("</td></tr>\n");
        });
        out.append("</table>\n");

        out.append("<h2>Trades</h2>\n<p class=\"note\">every fill (also in ")
                .append(CSV)
                .append("); price includes slippage; realised P&L before fees, booked by closing trades</p>\n");
        out.append(
                "<table id=\"trades\"><tr><th class=\"l\">time (UTC)</th><th class=\"l\">instrument</th><th class=\"l\">side</th>"
                        + "<th>quantity</th><th>price</th><th>fee</th><th>realised P&amp;L</th></tr>\n");
        for (TradeRecord trade : r.trades()) {
            out.append("<tr><td class=\"l\">")
                    .append(ReportText.time(trade.timestampMicros()))
                    .append("</td><td class=\"l\">")
                    .append(HtmlSvg.escape(trade.instrument()))
                    .append("</td><td class=\"l\">")
                    .append(trade.side())
                    .append("</td><td>")
                    .append(trade.quantity().toPlainString())
                    .append("</td><td>")
                    .append(trade.price().toPlainString())
                    .append("</td><td>")
                    .append(trade.fee().toPlainString())
                    .append("</td><td>")
                    .append(trade.realised().toPlainString())
                    .append("</td></tr>\n");
        }
        out.append("</table>\n</body></html>\n");
        return out.toString();
    }

    private static void figure(StringBuilder out, String name, String value, String convention) {
        out.append("<tr><td class=\"l\">")
                .append(HtmlSvg.escape(name))
                .append("</td><td>")
                .append(HtmlSvg.escape(value))
                .append("</td><td class=\"conv\">")
                .append(HtmlSvg.escape(convention))
                .append("</td></tr>\n");
    }
}
