package dev.nautilus.app.backtest;

import java.util.List;
import java.util.Locale;

/**
 * Small inline-SVG and HTML helpers for the tearsheet and the sweep page: everything drawn in the
 * page itself, so the files open offline. Fixed formats in {@code Locale.ROOT}: same data, same bytes.
 */
final class HtmlSvg {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 260;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 30;

    private HtmlSvg() {}

    /** Escapes text for HTML content and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A line chart of {@code (x, y)} points with the y range and the x labels at both ends.
     *
     * @param id     the element id (tests find the chart by it)
     * @param yLabel what y is, with its unit
     * @param yFormat format of the y tick labels
     */
    static String lineChart(
            String id,
            List<double[]> points,
            String firstX,
            String lastX,
            String yLabel,
            String yFormat,
            boolean fillBelowZero) {
        double minX = points.getFirst()[0];
        double maxX = points.getLast()[0];
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        if (maxY == minY) {
            maxY = minY + 1;
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder coords = new StringBuilder();
        for (double[] p : points) {
            double x = LEFT + (p[0] - minX) / (maxX - minX) * plotW;
            double y = TOP + (maxY - p[1]) / (maxY - minY) * plotH;
            coords.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %d %d\""
                        + " width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">%n",
                id,
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT,
                escape(yLabel)));
        out.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" class=\"plot\"/>%n",
                LEFT,
                TOP,
                plotW,
                plotH));
        for (int i = 0; i <= 4; i++) {
            double v = minY + (maxY - minY) * i / 4;
            double y = TOP + plotH - plotH * i / 4;
            out.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>%n",
                    LEFT,
                    WIDTH - RIGHT,
                    y,
                    y,
                    LEFT - 6,
                    y + 4,
                    escape(String.format(Locale.ROOT, yFormat, v))));
        }
        out.append(String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\">%s</text>%n", LEFT, HEIGHT - 8, escape(firstX)));
        out.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">%s</text>%n",
                WIDTH - RIGHT,
                HEIGHT - 8,
                escape(lastX)));
        out.append(String.format(
                Locale.ROOT,
                "<polyline class=\"%s\" points=\"%s\"/>%n",
                fillBelowZero ? "series dd" : "series",
                coords.toString().trim()));
        out.append("</svg>\n");
        return out.toString();
    }

    /** A background colour for {@code value} in {@code [min, max]}: red (low) through white to green (high). */
    static String heat(double value, double min, double max) {
        if (!Double.isFinite(value) || max <= min) {
            return "#eeeeee";
        }
        double t = (value - min) / (max - min) * 2 - 1; // -1 .. 1
        int r = t < 0 ? 255 : (int) Math.round(255 - 155 * t);
        int g = t > 0 ? 255 : (int) Math.round(255 + 155 * t);
        int b = (int) Math.round(255 - 155 * Math.abs(t));
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    /** The shared page style. */
    static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1000px}
            h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}
            table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
            th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}
            td.l,th.l{text-align:left}.conv{color:#555;text-align:left;font-size:.95em}
            .chart .plot{fill:#fafafa;stroke:#bbb}.chart .grid{stroke:#e3e3e3}.chart .tick{font-size:11px;fill:#555}
            .chart .series{fill:none;stroke:#1f6fb2;stroke-width:1.2}.chart .series.dd{stroke:#b2321f}
            th.sortable{cursor:pointer}.note{color:#555;font-size:.9em}
            """;
}
