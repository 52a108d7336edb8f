package dev.nautilus.app.backtest;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nautilus.app.report.SvgLineChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a backtest report into a directory: {@value #TEXT} (for people), {@value #JSON} (every
 * figure and the equity curve, for programs) and {@value #CHART} (the equity curve). Same report,
 * same bytes.
 */
public final class ReportFiles {

    public static final String TEXT = "report.txt";
    public static final String JSON = "report.json";
    public static final String CHART = "equity.svg";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final double DAY_MICROS = 86_400_000_000.0;

    private ReportFiles() {}

    /** Writes the three files into {@code directory} (created if absent); returns their paths. */
    public static List<Path> write(BacktestReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path text = directory.resolve(TEXT);
        Path json = directory.resolve(JSON);
        Path chart = directory.resolve(CHART);
        Files.writeString(text, ReportText.render(report), StandardCharsets.UTF_8);
        Files.writeString(json, MAPPER.writeValueAsString(report) + "\n", StandardCharsets.UTF_8);
        Files.writeString(chart, chart(report), StandardCharsets.UTF_8);
        return List.of(text, json, chart);
    }

    /** Reads a report written by {@link #write}. */
    public static BacktestReport read(Path json) throws IOException {
        return MAPPER.readValue(json.toFile(), BacktestReport.class);
    }

    /** The equity curve against days since its first point. */
    static String chart(BacktestReport report) {
        List<EquityPoint> curve = report.equityCurve();
        long start = curve.getFirst().timestampMicros();
        List<double[]> points = curve.stream()
                .map(p -> new double[] {(p.timestampMicros() - start) / DAY_MICROS, p.equity()})
                .toList();
        var s = report.parameters();
        return new SvgLineChart(
                        "Equity: MA cross " + s.fastPeriod() + "/" + s.slowPeriod() + " on " + report.source(),
                        "days since " + ReportText.time(start),
                        "equity")
                .fitY()
                .series("equity", points)
                .render();
    }
}
