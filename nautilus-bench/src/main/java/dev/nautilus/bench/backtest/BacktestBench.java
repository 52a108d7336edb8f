package dev.nautilus.bench.backtest;

import dev.nautilus.app.backtest.Backtest;
import dev.nautilus.app.backtest.BacktestSource;
import dev.nautilus.app.backtest.ParameterGrid;
import dev.nautilus.app.backtest.ParameterSweep;
import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.app.engines.ProgressObserver;
import dev.nautilus.bench.BenchReport;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./nautilus bench backtest}: backtest throughput of the whole pipeline (hub → features, VPIN,
 * enhanced VPIN → strategy → portfolio → risk, collateral, analytics) on the real BTC trades, in
 * trades fed per second until the last bar's results arrived (median of three runs after a warm-up
 * run); and a 20-point parameter sweep's wall time, run on a pool as wide as the machine's cores,
 * against 20 × the single-run time and against the same sweep one point at a time, all in the same run.
 */
public final class BacktestBench {

    /** 4 fast × 5 slow periods, every combination a valid cross. */
    public static final String GRID = "fast=5..20:5,slow=30..70:10";

    private BacktestBench() {}

    /** @param quick the first 20,000 trades and four points: a smoke run, not a figure to record */
    public static BenchReport run(boolean quick) throws Exception {
        BacktestSource source = BacktestSource.bitstamp(quick ? 20_000 : 0);
        PipelineSettings base = PipelineSettings.defaults().withAnalytics(source.analytics());
        List<PipelineSettings> points = ParameterGrid.parse(quick ? "fast=5..10:5,slow=30..40:10" : GRID, base)
                .points();
        int cores = Runtime.getRuntime().availableProcessors();

        Backtest.run(source, base, ProgressObserver.NONE); // warm-up: JIT
        double[] seconds = new double[3];
        Backtest.Timed single = null;
        for (int i = 0; i < seconds.length; i++) {
            single = Backtest.run(source, base, ProgressObserver.NONE);
            seconds[i] = single.seconds();
        }
        Arrays.sort(seconds);
        double median = seconds[1];
        // both sweeps come after four whole runs, so the JIT is warm for either
        ParameterSweep.Outcome sequential = ParameterSweep.run(source, points, 1, ProgressObserver.NONE);
        ParameterSweep.Outcome parallel = ParameterSweep.run(source, points, cores, ProgressObserver.NONE);
        double singleTimesN = median * points.size();

        return new BenchReport("backtest")
                .put(
                        "ratio sweep (" + cores + " at a time) / single run x " + points.size(),
                        parallel.seconds() / singleTimesN)
                .put(
                        "ratio sweep (" + cores + " at a time) / sweep (1 at a time)",
                        parallel.seconds() / sequential.seconds())
                .put(
                        "backtest throughput, median of 3 (trades/s)",
                        single.report().events() / median)
                .put(
                        "single run: min / median / max (s)",
                        String.format(java.util.Locale.ROOT, "%.2f / %.2f / %.2f", seconds[0], median, seconds[2]))
                .put("sweep of " + points.size() + " points, " + cores + " at a time (s)", parallel.seconds())
                .put("sweep of " + points.size() + " points, 1 at a time (s)", sequential.seconds())
                .put("single run x " + points.size() + " (s)", singleTimesN)
                .put(
                        "trades, bars, signals, final equity",
                        single.report().events() + ", " + single.report().bars() + ", "
                                + single.report().signals() + ", "
                                + single.report().finalEquity().toPlainString());
    }
}
