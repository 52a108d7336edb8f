package dev.nautilus.app.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small line chart written as SVG: x and y axes with ticks, one polyline per series, a legend.
 * A short series (at most {@value #MARKED_POINTS} points) gets a marker and an x tick per point; a long one
 * (an equity curve) only its line and six evenly spaced x ticks. The y axis starts at zero unless
 * {@link #fitY()} asks for the data's own range. The output depends only on the data (fixed formats,
 * {@code Locale.ROOT}), so the same data gives the same bytes.
 */
public final class SvgLineChart {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 160;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final int MARKED_POINTS = 50;
    private static final int X_TICKS = 6;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Map<String, List<double[]>> series = new LinkedHashMap<>();
    private boolean fitY;

    public SvgLineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series of (x, y) points, in x order. */
    public SvgLineChart series(String name, List<double[]> points) {
        series.put(name, List.copyOf(points));
        return this;
    }

    /** Scales the y axis to the data's range (with a margin) instead of starting it at zero. */
    public SvgLineChart fitY() {
        this.fitY = true;
        return this;
    }

    /** Writes the chart. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render());
    }

    /** The chart as SVG text. */
    public String render() {
        double maxX = 0;
        double maxY = 0;
        double minY = Double.POSITIVE_INFINITY;
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
                minY = Math.min(minY, p[1]);
            }
        }
        maxX = maxX == 0 ? 1 : maxX;
        double baseY = 0;
        if (fitY && minY < maxY) {
            double margin = (maxY - minY) * 0.05;
            baseY = minY - margin;
            maxY = maxY + margin;
        } else if (fitY && Double.isFinite(minY)) {
            baseY = minY - 1;
            maxY = maxY + 1;
        } else {
            maxY = niceCeiling(maxY);
        }
        double spanY = maxY - baseY;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH,
                HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(WIDTH / 2.0, 22, title, "middle", 15));
        svg.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH)).append(line(LEFT, TOP, LEFT, TOP + plotH));
        for (int i = 0; i <= 5; i++) {
            double y = TOP + plotH - plotH * i / 5.0;
            double value = baseY + spanY * i / 5.0;
            svg.append(line(LEFT - 4, y, LEFT, y)).append(text(LEFT - 8, y + 4, format(value), "end", 11));
        }
        for (List<double[]> points : series.values()) {
            if (points.size() <= MARKED_POINTS) {
                for (double[] p : points) {
                    double x = LEFT + plotW * p[0] / maxX;
                    svg.append(line(x, TOP + plotH, x, TOP + plotH + 4))
                            .append(text(x, TOP + plotH + 18, format(p[0]), "middle", 11));
                }
            } else {
                for (int i = 0; i < X_TICKS; i++) {
                    double value = maxX * i / (X_TICKS - 1);
                    double x = LEFT + plotW * value / maxX;
                    svg.append(line(x, TOP + plotH, x, TOP + plotH + 4))
                            .append(text(x, TOP + plotH + 18, format(value), "middle", 11));
                }
            }
            break;
        }
        svg.append(text(LEFT + plotW / 2.0, HEIGHT - 10, xLabel, "middle", 12));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">%s</text>%n",
                TOP + plotH / 2.0,
                TOP + plotH / 2.0,
                escape(yLabel)));
        int index = 0;
        for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
            String colour = COLOURS[index % COLOURS.length];
            StringBuilder polyline = new StringBuilder();
            boolean marked = entry.getValue().size() <= MARKED_POINTS;
            for (double[] p : entry.getValue()) {
                double x = LEFT + plotW * p[0] / maxX;
                double y = TOP + plotH - plotH * (p[1] - baseY) / spanY;
                polyline.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                if (marked) {
                    svg.append(String.format(
                            Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, colour));
                }
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    colour,
                    polyline.toString().trim()));
            double ly = TOP + 10 + index * 20;
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"14\" height=\"4\" fill=\"%s\"/>%n",
                    WIDTH - RIGHT + 15,
                    ly - 4,
                    colour));
            svg.append(text(WIDTH - RIGHT + 35, ly + 1, entry.getKey(), "start", 12));
            index++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>%n",
                x1,
                y1,
                x2,
                y2);
    }

    private static String text(double x, double y, String content, String anchor, int size) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x,
                y,
                anchor,
                size,
                escape(content));
    }

    private static String format(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
