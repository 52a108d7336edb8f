package dev.nautilus.app.backtest;

import dev.nautilus.engines.analytics.PerformanceSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A sweep as one self-contained page, {@value #HTML}: every point in a table sortable by any column
 * (a click on its header; inline script), and a heat map of the Sharpe ratio over the two swept
 * periods (fast down, slow across). Deterministic like the other reports.
 */
public final class SweepPage {

    public static final String HTML = "sweep.html";

    private static final String SORT_SCRIPT = """
            function sortBy(th){const table=th.closest('table');const col=[...th.parentNode.children].indexOf(th);
            const asc=th.dataset.order!=='asc';th.parentNode.querySelectorAll('th').forEach(h=>delete h.dataset.order);
            th.dataset.order=asc?'asc':'desc';const rows=[...table.tBodies[0].rows];
            const key=r=>{const v=parseFloat(r.cells[col].dataset.v);return isNaN(v)?-Infinity:v;};
            rows.sort((a,b)=>asc?key(a)-key(b):key(b)-key(a));rows.forEach(r=>table.tBodies[0].appendChild(r));}
            """;

    private SweepPage() {}

    /** Writes {@value #HTML} into {@code directory}; returns its path. */
    public static Path write(String source, List<BacktestReport> reports, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path html = directory.resolve(HTML);
        Files.writeString(html, render(source, reports), StandardCharsets.UTF_8);
        return html;
    }

    static String render(String source, List<BacktestReport> reports) {
        StringBuilder out = new StringBuilder();
        String title = "Nautilus parameter sweep: "
                + reports.getFirst().parameters().strategy().name() + " on " + source + ", " + reports.size()
                + " points";
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(HtmlSvg.escape(title))
                .append("</title>\n<style>\n")
                .append(HtmlSvg.STYLE)
                .append("</style>\n<script>\n")
                .append(SORT_SCRIPT)
                .append("</script></head>\n<body>\n<h1>")
                .append(HtmlSvg.escape(title))
                .append("</h1>\n");
        out.append(
                "<p class=\"note\">Sharpe and Sortino annualised, risk-free 0; max drawdown from the running peak; hit rate, "
                        + "profit factor and expectancy over closing trades, before fees (see each point's report.html). "
                        + "Click a column header to sort.</p>\n");

        out.append("<h2>Sharpe heat map</h2>\n<table id=\"heatmap\"><tr><th>fast \\ slow</th>");
        TreeSet<Integer> fasts = new TreeSet<>();
        TreeSet<Integer> slows = new TreeSet<>();
        Map<String, Double> sharpe = new TreeMap<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (BacktestReport r : reports) {
            int f = r.parameters().fastPeriod();
            int s = r.parameters().slowPeriod();
            fasts.add(f);
            slows.add(s);
            Double value = r.performance().sharpe();
            if (value != null) {
                sharpe.put(f + "_" + s, value);
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        for (int s : slows) {
            out.append("<th>").append(s).append("</th>");
        }
        out.append("</tr>\n");
        for (int f : fasts) {
            out.append("<tr><th>").append(f).append("</th>");
            for (int s : slows) {
                Double value = sharpe.get(f + "_" + s);
                out.append("<td class=\"cell\" style=\"background:")
                        .append(HtmlSvg.heat(value == null ? Double.NaN : value, min, max))
                        .append("\">")
                        .append(value == null ? "" : String.format(Locale.ROOT, "%.3f", value))
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append(
                "</table>\n<p class=\"note\">red: lowest Sharpe of the sweep, green: highest; empty: no point (fast ≥ slow) "
                        + "or Sharpe undefined</p>\n");

        out.append("<h2>Points</h2>\n<table id=\"points\"><thead><tr>");
        for (String h : List.of(
                "fast",
                "slow",
                "return %",
                "Sharpe",
                "Sortino",
                "max DD %",
                "hit %",
                "profit factor",
                "expectancy",
                "turnover",
                "fills")) {
            out.append("<th class=\"sortable\" onclick=\"sortBy(this)\">")
                    .append(HtmlSvg.escape(h))
                    .append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        for (BacktestReport r : reports) {
            PerformanceSummary p = r.performance();
            TradeStatistics t = r.tradeStatistics();
            out.append("<tr>");
            cell(out, r.parameters().fastPeriod(), "%.0f");
            cell(out, r.parameters().slowPeriod(), "%.0f");
            cell(out, p.cumulativeReturn() * 100, "%.2f");
            cell(out, p.sharpe(), "%.3f");
            cell(out, p.sortino(), "%.3f");
            cell(out, p.maxDrawdown().depth() * 100, "%.2f");
            cell(out, p.hitRate() == null ? null : p.hitRate() * 100, "%.1f");
            cell(out, t.profitFactor(), "%.3f");
            cell(out, t.expectancy(), "%.3f");
            cell(out, p.turnover(), "%.3f");
            cell(out, (double) r.fills(), "%.0f");
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n</body></html>\n");
        return out.toString();
    }

    private static void cell(StringBuilder out, Number value, String format) {
        if (value == null) {
            out.append("<td data-v=\"\">n/a</td>");
        } else {
            String text = String.format(Locale.ROOT, format, value.doubleValue());
            out.append("<td data-v=\"")
                    .append(String.format(Locale.ROOT, "%s", value.doubleValue()))
                    .append("\">")
                    .append(text)
                    .append("</td>");
        }
    }
}
