package dev.nautilus.bench.migration;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.app.migration.Layout;
import dev.nautilus.app.migration.MigrationPlan;
import dev.nautilus.app.migration.RedisFigures;
import dev.nautilus.app.migration.StepReport;
import dev.nautilus.app.report.SvgLineChart;
import dev.nautilus.bench.BenchReport;
import dev.nautilus.bench.redis.LegacyPoller;
import dev.nautilus.engines.marketdata.InstrumentReference;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./nautilus bench migration}: the seeds' migration, measured. The before-state: the trading
 * chain ({@link MigrationReplay#CHAIN}) on the main Redis in the single layout, each engine with
 * its legacy poller beside it (the seeds' failure: {@code XREADGROUP} without {@code BLOCK} on a
 * group that does not exist, see {@link LegacyPoller}), a replay at a steady rate. Then the engines
 * move one at a time in the plan's order; moving an engine retires its legacy poller too (what the
 * seeds' fix did: the engine's old client replaced). Before the first step, after each, and after
 * {@code finish}, a window of each Redis's own counters: CPU %, clients by engine, failed
 * {@code XREADGROUP} calls, lag.
 *
 * <p>Outputs: a table, {@code build/bench/migration.json} ({@code steps}, {@code lost},
 * {@code duplicates}, {@code max_gap_ms}, {@code main_redis_engine_connections}) and
 * {@code build/bench/migration.svg} (CPU per Redis by step). Lost and duplicates compare the
 * outputs with the same replay on the in-memory buses never migrated; the longest pause in the
 * outputs during the move is set beside the longest before it (the floor the replay itself gives).
 */
public final class MigrationBench {

    private static final int INSTRUMENTS = 4;

    private MigrationBench() {}

    /** One window of one Redis's figures. */
    record RedisWindow(
            double cpuPercent,
            int engineConnections,
            Map<String, Integer> clientsByEngine,
            long failedXreadgroup,
            double failedXreadgroupPerSecond,
            long engineLag) {}

    /** One row: after which step, and the three Redis servers' windows. */
    record Row(int step, String moved, long stepMillis, long overlap, long bridgeLag, Map<String, RedisWindow> redis) {}

    public static void run(Duration window, int tradesPerSecond, Duration pollInterval, PrintStream out, Path directory)
            throws Exception {
        List<String> chain = MigrationReplay.CHAIN;
        List<MigrationPlan.Step> plan = MigrationPlan.of(chain);
        // enough trades for every window and step at the rate, with a margin
        int trades = (int) (tradesPerSecond * (window.toMillis() / 1000.0 + 2.0) * (plan.size() + 5));
        List<InstrumentReference> references = ReplaySource.syntheticReferences(INSTRUMENTS);
        List<Trade> replay = ReplaySource.synthetic(INSTRUMENTS, Math.max(120, trades / INSTRUMENTS));
        OutputTally reference = MigrationReplay.reference(chain, references, replay);

        List<Row> rows = new ArrayList<>();
        long maxGapBefore;
        long maxGap;
        long finalMainConnections;
        OutputTally outputs;
        RedisClient legacyClient = RedisClient.create();
        try (RedisServer main = RedisServer.start();
                RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start();
                MigrationReplay run = new MigrationReplay(main.url(), marketData.url(), engineLogic.url(), chain)) {
            Map<String, LegacyPoller> pollers = new LinkedHashMap<>();
            AtomicLong legacyDelivered = new AtomicLong();
            for (String engine : chain) {
                pollers.put(engine, new LegacyPoller(legacyClient, main.url(), engine, pollInterval, legacyDelivered));
            }
            run.startReplay(references, replay, tradesPerSecond);
            Thread.sleep(1_000); // the chain's first outputs before the gaps are watched
            rows.add(measure(run, 0, "(before)", 0, 0, window));
            maxGapBefore = run.outputs().maxGapMillis();
            for (int i = 0; i < plan.size(); i++) {
                String engine = plan.get(i).engine();
                pollers.remove(engine).close();
                StepReport step = run.move(engine, Layout.DUAL);
                rows.add(measure(run, i + 1, engine, step.took().toMillis(), step.overlap(), window));
            }
            run.finish();
            rows.add(measure(run, plan.size() + 1, "(finished)", 0, 0, window));
            if (run.replayed() >= replay.size()) {
                out.println("warning: the replay ended before the last window; raise the trade count");
            }
            run.awaitQuiet(Duration.ofSeconds(120));
            maxGap = run.outputs().maxGapMillis();
            finalMainConnections = run.migration().status().getFirst().engineConnections();
            outputs = run.outputs();
        } finally {
            legacyClient.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
        long lost = lost(reference, outputs);
        print(out, rows);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("scenario", "migration");
        document.put("date", Instant.now().toString());
        document.put("machine", BenchReport.machine());
        document.put("chain", chain);
        document.put("trades", replay.size());
        document.put("trades_per_second", tradesPerSecond);
        document.put("window_ms", window.toMillis());
        document.put("legacy_poll_interval_ms", pollInterval.toMillis());
        document.put("outputs", outputs.size());
        document.put("reference_outputs", reference.size());
        document.put("lost", lost);
        document.put("duplicates", outputs.duplicates());
        document.put("max_gap_ms", maxGap);
        document.put("max_gap_ms_before_migration", maxGapBefore);
        document.put("main_redis_engine_connections", finalMainConnections);
        document.put("steps", rows);
        Files.createDirectories(directory);
        Path json = directory.resolve("migration.json");
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(json.toFile(), document);
        Path svg = directory.resolve("migration.svg");
        chart(rows).write(svg);
        out.printf(
                "outputs %d (reference %d), lost %d, duplicates %d, longest output pause %d ms during the move"
                        + " (%d ms before it), engine connections left on the main Redis %d%n",
                outputs.size(),
                reference.size(),
                lost,
                outputs.duplicates(),
                maxGap,
                maxGapBefore,
                finalMainConnections);
        out.println("written: " + json + ", " + svg);
    }

    private static Row measure(
            MigrationReplay run, int step, String moved, long stepMillis, long overlap, Duration window)
            throws InterruptedException {
        List<RedisFigures> before = run.migration().status();
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        List<RedisFigures> after = run.migration().status();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, RedisWindow> redis = new LinkedHashMap<>();
        for (int i = 0; i < after.size(); i++) {
            RedisFigures now = after.get(i);
            long failed = now.failedXreadgroup() - before.get(i).failedXreadgroup();
            redis.put(
                    now.name(),
                    new RedisWindow(
                            100 * (now.cpuSeconds() - before.get(i).cpuSeconds()) / seconds,
                            now.engineConnections(),
                            now.clientsByEngine(),
                            failed,
                            failed / seconds,
                            now.engineLag()));
        }
        long bridgeLag = run.bridge() == null
                ? 0
                : run.migration().bridgeLag().values().stream()
                        .mapToLong(l -> l.orElse(0))
                        .sum();
        return new Row(step, moved, stepMillis, overlap, bridgeLag, redis);
    }

    /** Reference outputs (topic and payload) the migrated run lacks, counted as a multiset. */
    static long lost(OutputTally reference, OutputTally migrated) {
        Map<String, Integer> received = new HashMap<>();
        for (String prefix : List.of("strategy.", "portfolio.", "risk.", "collateral.")) {
            migrated.payloads(prefix).forEach(p -> received.merge(p, 1, Integer::sum));
        }
        long lost = 0;
        for (String prefix : List.of("strategy.", "portfolio.", "risk.", "collateral.")) {
            for (String output : reference.payloads(prefix)) {
                if (received.merge(output, -1, Integer::sum) < 0) {
                    lost++;
                }
            }
        }
        return lost;
    }

    private static void print(PrintStream out, List<Row> rows) {
        out.println();
        out.println("== migration ==");
        out.printf(
                "%-4s %-12s %7s | %-30s | %-30s | %-30s | %s%n",
                "step",
                "moved",
                "step ms",
                "main: cpu% conns failed/s lag",
                "marketdata: cpu% conns failed/s lag",
                "engine_logic: cpu% conns failed/s lag",
                "bridge lag");
        for (Row row : rows) {
            out.printf(
                    "%-4d %-12s %7d | %-30s | %-30s | %-30s | %d%n",
                    row.step(),
                    row.moved(),
                    row.stepMillis(),
                    cell(row.redis().get("main")),
                    cell(row.redis().get("marketdata")),
                    cell(row.redis().get("engine_logic")),
                    row.bridgeLag());
        }
    }

    private static String cell(RedisWindow w) {
        return String.format(
                "%6.2f %5d %8.0f %6d",
                w.cpuPercent(), w.engineConnections(), w.failedXreadgroupPerSecond(), w.engineLag());
    }

    private static SvgLineChart chart(List<Row> rows) {
        SvgLineChart chart = new SvgLineChart(
                "Redis CPU during the migration, engine by engine", "step (0 = before, last = finished)", "CPU %");
        for (String redis : List.of("main", "marketdata", "engine_logic")) {
            List<double[]> points = new ArrayList<>();
            for (Row row : rows) {
                points.add(new double[] {row.step(), row.redis().get(redis).cpuPercent()});
            }
            chart.series(redis, points);
        }
        return chart;
    }
}
