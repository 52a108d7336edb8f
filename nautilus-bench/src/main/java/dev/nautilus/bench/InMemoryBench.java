package dev.nautilus.bench;

import dev.nautilus.bench.jmh.InMemoryDispatchBenchmark;
import dev.nautilus.bench.jmh.TopicPatternBenchmark;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The in-memory scenario: JMH dispatch throughput of the bus beside an ArrayBlockingQueue
 * hand-off, and topic-pattern matching cost, with the ratio printed first.
 */
public final class InMemoryBench {

    private InMemoryBench() {}

    /** Runs the benchmarks and prints a summary; returns the JMH results. */
    public static Collection<RunResult> run(PrintStream out, boolean quick) throws RunnerException {
        List<String> jvmArgs = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
        if (Runtime.version().feature() >= 23) {
            jvmArgs.add("--sun-misc-unsafe-memory-access=allow");
        }
        Options options = new OptionsBuilder()
                .include(InMemoryDispatchBenchmark.class.getName())
                .include(TopicPatternBenchmark.class.getName())
                .forks(1)
                // Bounded to about a minute in all, as every bench scenario is.
                .warmupIterations(quick ? 2 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double bus = score(results, "nautilusInMemoryBus");
        double prebuilt = score(results, "nautilusInMemoryBusPrebuilt");
        double queue = score(results, "arrayBlockingQueueBaseline");
        double freshQueue = score(results, "arrayBlockingQueueFreshItem");
        out.println();
        out.println("== in-memory dispatch (1 publisher, 1 pattern subscriber) ==");
        out.printf("ratio bus (fresh messages) / ArrayBlockingQueue : %.2f (aim: >= 1.0)%n", bus / queue);
        out.printf("ratio bus (prebuilt message) / ArrayBlockingQueue : %.2f%n", prebuilt / queue);
        out.printf("ratio bus (fresh messages) / ArrayBlockingQueue of fresh items : %.2f%n", bus / freshQueue);
        out.printf("Nautilus bus, fresh message per publish : %,.0f msg/s%n", bus);
        out.printf("Nautilus bus, prebuilt message          : %,.0f msg/s%n", prebuilt);
        out.printf("ArrayBlockingQueue hand-off             : %,.0f msg/s%n", queue);
        out.printf("ArrayBlockingQueue, a fresh item per put : %,.0f msg/s%n", freshQueue);
        int rounds = quick ? 6 : 20;
        InMemoryPairs.Outcome pairs = InMemoryPairs.run(rounds, 500_000_000L);
        double[] ratios = pairs.ratios().clone();
        Arrays.sort(ratios);
        out.printf("== the same two, in %d alternating rounds of 0.5 s each (one process, paired) ==%n", rounds);
        out.printf(
                "ratio bus (fresh messages) / ArrayBlockingQueue, median of rounds : %.2f (aim: >= 1.0; rounds %.2f to %.2f)%n",
                pairs.medianRatio(), ratios[0], ratios[ratios.length - 1]);
        out.printf(
                "median msg/s, bus / queue : %,.0f / %,.0f%n",
                InMemoryPairs.Outcome.median(pairs.bus()), InMemoryPairs.Outcome.median(pairs.queue()));
        out.println("== topic pattern match (ns/op) ==");
        for (String name : List.of("exactTopic", "prefixStar", "globHit", "globMiss")) {
            out.printf("%-30s : %.1f ns%n", name, score(results, name));
        }
        return results;
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .mapToDouble(r -> r.getPrimaryResult().getScore())
                .findFirst()
                .orElse(Double.NaN);
    }

    public static void main(String[] args) throws RunnerException {
        run(System.out, args.length > 0 && args[0].equals("--quick"));
    }
}
