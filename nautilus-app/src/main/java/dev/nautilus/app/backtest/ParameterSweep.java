package dev.nautilus.app.backtest;

import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.app.engines.ProgressObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the points of a grid as separate backtests, {@code parallelism} at a time on a fixed pool
 * (each point has its own buses and engines, so points share nothing but the read-only input).
 * Results come back in grid order whatever order the points finish in.
 */
public final class ParameterSweep {

    private ParameterSweep() {}

    /**
     * The results of a sweep.
     *
     * @param results one per point, in grid order
     * @param seconds wall time of the whole sweep (not part of any report)
     */
    public record Outcome(List<Backtest.Timed> results, double seconds) {}

    /**
     * Runs every point.
     *
     * @param parallelism points run at once, {@code >= 1}
     * @param progress    watches the bars fed across all points
     * @throws ExecutionException wrapping the first point that failed
     */
    public static Outcome run(
            BacktestSource source, List<PipelineSettings> points, int parallelism, ProgressObserver progress)
            throws ExecutionException, InterruptedException {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
        AtomicLong finished = new AtomicLong();
        long start = System.nanoTime();
        List<Backtest.Timed> results = new ArrayList<>(points.size());
        try (ExecutorService pool = Executors.newFixedThreadPool(
                        parallelism, Thread.ofPlatform().name("sweep-", 1).factory());
                ProgressObserver.Watch watch = progress.watch(finished::get, points.size())) {
            List<Future<Backtest.Timed>> futures = new ArrayList<>();
            for (PipelineSettings point : points) {
                futures.add(pool.submit(() -> {
                    Backtest.Timed result = Backtest.run(source, point, ProgressObserver.NONE);
                    finished.incrementAndGet();
                    return result;
                }));
            }
            try {
                for (Future<Backtest.Timed> future : futures) {
                    results.add(future.get());
                }
            } catch (ExecutionException | InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                throw e;
            }
        }
        return new Outcome(results, (System.nanoTime() - start) / 1e9);
    }
}
