package dev.nautilus.bench;

import dev.nautilus.bench.jmh.InMemoryDispatchBenchmark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bus (a fresh message per publish) and the {@code ArrayBlockingQueue} hand-off measured in
 * turns in one process, {@code rounds} times each, alternating which goes first: on a shared
 * machine the load changes within seconds, and a ratio taken from two back-to-back stretches of
 * the same half-second is far less noisy than one taken from runs a minute apart.
 */
final class InMemoryPairs {

    /** Msg/s of each side per round, and the per-round ratios bus / queue. */
    record Outcome(double[] bus, double[] queue, double[] ratios) {
        double medianRatio() {
            return median(ratios);
        }

        static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    private InMemoryPairs() {}

    static Outcome run(int rounds, long nanosPerSide) {
        InMemoryDispatchBenchmark benchmark = new InMemoryDispatchBenchmark();
        InMemoryDispatchBenchmark.BusState bus = new InMemoryDispatchBenchmark.BusState();
        InMemoryDispatchBenchmark.QueueState queue = new InMemoryDispatchBenchmark.QueueState();
        bus.open();
        queue.open();
        try {
            // warm-up: both paths compiled before the first measured round
            measure(() -> benchmark.nautilusInMemoryBus(bus), 4 * nanosPerSide);
            measure(() -> queueBatch(benchmark, queue), 4 * nanosPerSide);
            List<double[]> pairs = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double b;
                double q;
                if (round % 2 == 0) {
                    b = measure(() -> benchmark.nautilusInMemoryBus(bus), nanosPerSide);
                    q = measure(() -> queueBatch(benchmark, queue), nanosPerSide);
                } else {
                    q = measure(() -> queueBatch(benchmark, queue), nanosPerSide);
                    b = measure(() -> benchmark.nautilusInMemoryBus(bus), nanosPerSide);
                }
                pairs.add(new double[] {b, q});
            }
            double[] busRates = pairs.stream().mapToDouble(p -> p[0]).toArray();
            double[] queueRates = pairs.stream().mapToDouble(p -> p[1]).toArray();
            double[] ratios = pairs.stream().mapToDouble(p -> p[0] / p[1]).toArray();
            return new Outcome(busRates, queueRates, ratios);
        } finally {
            bus.close();
            queue.close();
        }
    }

    private static void queueBatch(InMemoryDispatchBenchmark benchmark, InMemoryDispatchBenchmark.QueueState queue) {
        try {
            benchmark.arrayBlockingQueueBaseline(queue);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the queue hand-off", e);
        }
    }

    /** One side: batches of {@link InMemoryDispatchBenchmark#BATCH} for about {@code nanos}, in msg/s. */
    private static double measure(Batch batch, long nanos) {
        long start = System.nanoTime();
        long messages = 0;
        long elapsed;
        do {
            batch.run();
            messages += InMemoryDispatchBenchmark.BATCH;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return messages * 1e9 / elapsed;
    }

    @FunctionalInterface
    private interface Batch {
        void run();
    }
}
