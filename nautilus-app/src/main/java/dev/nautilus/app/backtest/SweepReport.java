package dev.nautilus.app.backtest;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nautilus.engines.analytics.PerformanceSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep's summary: one row per grid point (parameters and headline figures) as {@value #TEXT} and
 * {@value #JSON}. Deterministic like a single report: grid order, fixed formats, no timings.
 */
public final class SweepReport {

    public static final String TEXT = "sweep.txt";
    public static final String JSON = "sweep.json";

    private SweepReport() {}

    /** Writes both files into {@code directory}; returns their paths. */
    public static List<Path> write(String source, List<BacktestReport> reports, int skipped, Path directory)
            throws IOException {
        Files.createDirectories(directory);
        Path text = directory.resolve(TEXT);
        Path json = directory.resolve(JSON);
        Files.writeString(text, render(source, reports, skipped), StandardCharsets.UTF_8);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BacktestReport r : reports) {
            PerformanceSummary p = r.performance();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("fast", r.parameters().fastPeriod());
            row.put("slow", r.parameters().slowPeriod());
            row.put("cumulativeReturn", p.cumulativeReturn());
            row.put("sharpe", p.sharpe());
            row.put("sortino", p.sortino());
            row.put("maxDrawdown", p.maxDrawdown().depth());
            row.put("hitRate", p.hitRate());
            row.put("turnover", p.turnover());
            row.put("fills", r.fills());
            row.put("finalEquity", r.finalEquity());
            rows.add(row);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("source", source);
        document.put("skippedPoints", skipped);
        document.put("points", rows);
        Files.writeString(
                json,
                JsonMapper.builder()
                                .enable(SerializationFeature.INDENT_OUTPUT)
                                .build()
                                .writeValueAsString(document) + "\n",
                StandardCharsets.UTF_8);
        return List.of(text, json);
    }

    /** The summary table. */
    public static String render(String source, List<BacktestReport> reports, int skipped) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Nautilus parameter sweep: MA cross on %s, %d points (%d with fast >= slow left out)%n",
                source,
                reports.size(),
                skipped));
        out.append(String.format(
                Locale.ROOT,
                "%5s %5s %10s %8s %8s %8s %8s %9s %6s%n",
                "fast",
                "slow",
                "return",
                "Sharpe",
                "Sortino",
                "max DD",
                "hit",
                "turnover",
                "fills"));
        for (BacktestReport r : reports) {
            PerformanceSummary p = r.performance();
            out.append(String.format(
                    Locale.ROOT,
                    "%5d %5d %9.2f%% %8s %8s %7.2f%% %8s %9s %6d%n",
                    r.parameters().fastPeriod(),
                    r.parameters().slowPeriod(),
                    p.cumulativeReturn() * 100,
                    fixed(p.sharpe()),
                    fixed(p.sortino()),
                    p.maxDrawdown().depth() * 100,
                    p.hitRate() == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", p.hitRate() * 100),
                    fixed(p.turnover()),
                    r.fills()));
        }
        return out.toString();
    }

    private static String fixed(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }
}
