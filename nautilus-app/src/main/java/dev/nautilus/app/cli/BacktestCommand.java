package dev.nautilus.app.cli;

import dev.nautilus.app.Connections;
import dev.nautilus.app.backtest.Backtest;
import dev.nautilus.app.backtest.BacktestReport;
import dev.nautilus.app.backtest.BacktestSource;
import dev.nautilus.app.backtest.ParameterFile;
import dev.nautilus.app.backtest.ParameterGrid;
import dev.nautilus.app.backtest.ParameterSweep;
import dev.nautilus.app.backtest.ReportFiles;
import dev.nautilus.app.backtest.ReportText;
import dev.nautilus.app.backtest.SweepReport;
import dev.nautilus.app.backtest.TerminalProgress;
import dev.nautilus.app.engines.MarketFeed;
import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.store.Store;
import dev.nautilus.store.Stores;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nautilus backtest}: replays history through the engines of {@code up} on in-memory buses,
 * as fast as possible, and writes a report (text, JSON, equity curve as SVG); or sweeps a grid of
 * MA-cross periods, several points at once.
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Backtests the VPIN-filtered MA cross on recorded history through the whole pipeline (in-memory buses).",
            "Writes report.txt, report.json and equity.svg (a sweep: sweep.txt, sweep.json and a report per point)."
        })
final class BacktestCommand implements Callable<Integer> {

    @Option(
            names = {"-d", "--data"},
            paramLabel = "SOURCE",
            defaultValue = "btc",
            description =
                    "btc (Bitstamp trades), aapl (daily bars), trades:FILE.csv, bars:FILE.csv or store:SYMBOL[@FROM..TO]"
                            + " (recorded trades, e.g. store:BTCUSD@2013-11-26..2013-11-28). Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--fast", paramLabel = "N", description = "Fast SMA period (default 10, or the --params file's).")
    Integer fast;

    @Option(names = "--slow", paramLabel = "N", description = "Slow SMA period (default 30, or the --params file's).")
    Integer slow;

    @Option(names = "--quantity", paramLabel = "Q", description = "Units per position (default 1).")
    BigDecimal quantity;

    @Option(names = "--no-short", description = "Go flat instead of short below the slow average.")
    boolean noShort;

    @Option(
            names = "--params",
            paramLabel = "FILE",
            description = "Parameters as key=value lines: fast, slow, quantity, short.")
    Path params;

    @Option(names = "--sweep", paramLabel = "GRID", description = "Sweep a grid, e.g. fast=5..20:5,slow=20..60:10.")
    String sweep;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description = "Sweep points run at once (default: the number of cores).")
    Integer parallel;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Only the first N trades (0 = all).")
    int limit;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output directory (default build/backtest/<source>[-sweep]).")
    Path out;

    @Spec
    CommandSpec spec;

    @ParentCommand
    NautilusCommand parent;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        BacktestSource source;
        PipelineSettings settings;
        try {
            source = data.startsWith(BacktestSource.STORE_PREFIX) ? fromStore() : BacktestSource.parse(data, limit);
            settings = settings(source);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            stderr.println("nautilus backtest: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            stderr.println("nautilus backtest: " + e.getMessage());
            return 1;
        }
        String unit = source.feed() instanceof MarketFeed.Bars ? "bars" : "trades";
        if (sweep == null) {
            Backtest.Timed run = Backtest.run(source, settings, TerminalProgress.forStderr(unit));
            List<Path> files = ReportFiles.write(run.report(), directory(source, ""));
            stdout.print(ReportText.render(run.report()));
            stdout.printf(
                    Locale.ROOT,
                    "%n%,d %s in %.2f s (%,.0f %s/s); written: %s%n",
                    run.report().events(),
                    unit,
                    run.seconds(),
                    run.eventsPerSecond(),
                    unit,
                    files);
            return 0;
        }
        ParameterGrid grid;
        try {
            grid = ParameterGrid.parse(sweep, settings);
        } catch (IllegalArgumentException e) {
            stderr.println("nautilus backtest: " + e.getMessage());
            return 2;
        }
        int threads = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            stderr.println("nautilus backtest: --parallel must be >= 1, was " + threads);
            return 2;
        }
        ParameterSweep.Outcome outcome;
        try {
            outcome = ParameterSweep.run(source, grid.points(), threads, TerminalProgress.forStderr("points"));
        } catch (ExecutionException e) {
            stderr.println("nautilus backtest: a sweep point failed: " + e.getCause());
            return 1;
        }
        Path dir = directory(source, "-sweep");
        List<BacktestReport> reports =
                outcome.results().stream().map(Backtest.Timed::report).toList();
        for (BacktestReport report : reports) {
            ReportFiles.write(
                    report,
                    dir.resolve("points")
                            .resolve(report.parameters().fastPeriod() + "_"
                                    + report.parameters().slowPeriod()));
        }
        List<Path> files = SweepReport.write(source.name(), reports, grid.skipped(), dir);
        stdout.print(SweepReport.render(source.name(), reports, grid.skipped()));
        stdout.printf(
                Locale.ROOT,
                "%n%d points, %d at a time, in %.2f s; written: %s and %s%n",
                reports.size(),
                threads,
                outcome.seconds(),
                files,
                dir.resolve("points"));
        return 0;
    }

    /** Reads the stored range from the configured store (PostgreSQL, or the embedded store under the data directory). */
    private BacktestSource fromStore() {
        Store store;
        try {
            store = Stores.open(Connections.storeConfig(parent.config()));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the store: " + e.getMessage(), e);
        }
        try (store) {
            return BacktestSource.stored(store, data, limit);
        }
    }

    /** Defaults, then the parameter file, then the options. */
    private PipelineSettings settings(BacktestSource source) {
        PipelineSettings settings = PipelineSettings.defaults().withAnalytics(source.analytics());
        if (params != null) {
            settings = ParameterFile.read(params, settings);
        }
        return new PipelineSettings(
                fast != null ? fast : settings.fastPeriod(),
                slow != null ? slow : settings.slowPeriod(),
                quantity != null ? quantity : settings.quantity(),
                !noShort && settings.allowShort(),
                settings.analytics());
    }

    private Path directory(BacktestSource source, String suffix) {
        return out != null
                ? out
                : Path.of("build", "backtest", source.name().replaceAll("[^A-Za-z0-9._-]+", "_") + suffix);
    }
}
