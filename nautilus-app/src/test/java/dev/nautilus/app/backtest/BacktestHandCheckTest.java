package dev.nautilus.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.app.engines.ProgressObserver;
import dev.nautilus.engines.analytics.PerformanceSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MA-cross backtest on the real BTC trades and on the real AAPL daily bars: the report's Sharpe,
 * Sortino, cumulative return and maximum drawdown (with its dates), which the Analytics engine computed
 * bar by bar on the bus, match a plain recomputation from the equity curve written in the same report.
 */
class BacktestHandCheckTest {

    @TempDir
    Path dir;

    @Test
    void btcReportMatchesAHandCheckOfItsEquityCurve() throws Exception {
        BacktestSource source = BacktestSource.bitstamp(0);
        BacktestReport report =
                writeAndReadBack(source, PipelineSettings.defaults().withAnalytics(source.analytics()));

        assertThat(report.events()).isEqualTo(99_982);
        assertThat(report.equityCurve()).hasSize((int) report.bars());
        assertThat(report.fills()).isPositive();
        handCheck(report, 365 * 24 * 60);
        // one return per UTC day of 25 Nov - 1 Dec 2013: six complete days, the seventh to date
        assertThat(report.periodReturns()).hasSize(6);
        assertThat(report.performance().currentPeriod().period()).isEqualTo("2013-12-01");
    }

    @Test
    void aaplReportMatchesAHandCheckOfItsEquityCurve() throws Exception {
        BacktestSource source = BacktestSource.apple();
        BacktestReport report =
                writeAndReadBack(source, PipelineSettings.defaults().withAnalytics(source.analytics()));

        assertThat(report.events()).isEqualTo(252);
        assertThat(report.equityCurve()).hasSize(252);
        handCheck(report, 252);
        // months of 2013: eleven complete, December to date (the 31 Dec bar ends at midnight but counts in December)
        assertThat(report.periodReturns()).hasSize(11);
        assertThat(report.performance().currentPeriod().period()).isEqualTo("2013-12");
    }

    private BacktestReport writeAndReadBack(BacktestSource source, PipelineSettings settings) throws Exception {
        BacktestReport report =
                Backtest.run(source, settings, ProgressObserver.NONE).report();
        List<Path> files = ReportFiles.write(report, dir);
        assertThat(files).allSatisfy(f -> assertThat(Files.size(f)).isPositive());
        String svg = Files.readString(dir.resolve(ReportFiles.CHART));
        assertThat(svg).startsWith("<svg").contains("<polyline").endsWith("</svg>\n");
        assertThat(svg.substring(svg.indexOf("points=\"")).split(" ").length)
                .isGreaterThanOrEqualTo(report.equityCurve().size());
        String text = Files.readString(dir.resolve(ReportFiles.TEXT));
        assertThat(text)
                .contains(String.format(
                        java.util.Locale.ROOT, "%.3f", report.performance().sharpe()));
        return ReportFiles.read(dir.resolve(ReportFiles.JSON));
    }

    /** Recomputes the figures from the report's own equity curve with simple loops (two-pass moments, running peak). */
    private static void handCheck(BacktestReport report, double periodsPerYear) {
        List<EquityPoint> curve = report.equityCurve();
        int n = curve.size() - 1;
        double[] r = new double[n];
        for (int i = 1; i <= n; i++) {
            r[i - 1] = curve.get(i).equity() / curve.get(i - 1).equity() - 1;
        }
        double sum = 0;
        for (double x : r) {
            sum += x;
        }
        double mean = sum / n;
        double squares = 0;
        double downside = 0;
        for (double x : r) {
            squares += (x - mean) * (x - mean);
            downside += Math.min(x, 0) * Math.min(x, 0);
        }
        double sharpe = mean / Math.sqrt(squares / (n - 1)) * Math.sqrt(periodsPerYear);
        double sortino = mean / Math.sqrt(downside / n) * Math.sqrt(periodsPerYear);

        double peak = curve.getFirst().equity();
        long peakAt = curve.getFirst().timestampMicros();
        double maxDrawdown = 0;
        long maxPeakAt = peakAt;
        long troughAt = peakAt;
        for (EquityPoint p : curve) {
            if (p.equity() > peak) {
                peak = p.equity();
                peakAt = p.timestampMicros();
            }
            double drawdown = (peak - p.equity()) / peak;
            if (drawdown > maxDrawdown) {
                maxDrawdown = drawdown;
                maxPeakAt = peakAt;
                troughAt = p.timestampMicros();
            }
        }

        PerformanceSummary p = report.performance();
        assertThat(p.periodsPerYear()).isEqualTo(periodsPerYear);
        assertThat(p.sharpe()).isCloseTo(sharpe, within(Math.abs(sharpe) * 1e-9));
        assertThat(p.sortino()).isCloseTo(sortino, within(Math.abs(sortino) * 1e-9));
        assertThat(p.maxDrawdown().depth()).isCloseTo(maxDrawdown, within(1e-12));
        assertThat(maxDrawdown).isPositive();
        assertThat(p.maxDrawdown().peakMicros()).isEqualTo(maxPeakAt);
        assertThat(p.maxDrawdown().troughMicros()).isEqualTo(troughAt);
        assertThat(p.cumulativeReturn())
                .isCloseTo(curve.getLast().equity() / curve.getFirst().equity() - 1, within(1e-12));
        assertThat(curve.getLast().equity()).isEqualTo(report.finalEquity().doubleValue());
    }
}
