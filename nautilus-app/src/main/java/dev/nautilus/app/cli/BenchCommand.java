package dev.nautilus.app.cli;

import dev.nautilus.bench.InMemoryBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nautilus bench SCENARIO}: runs a named benchmark scenario and prints its figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs a named benchmark scenario: in-memory (more scenarios land with the Redis and benchmark issues).")
final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", description = "in-memory, throughput, latency, seed-failure-mode, pipeline, scaling")
    String scenario;

    @Option(names = "--quick", description = "Fewer and shorter iterations (a smoke run, not a figure to record).")
    boolean quick;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return switch (scenario) {
            case "in-memory" -> {
                InMemoryBench.run(System.out, quick);
                yield 0;
            }
            case "throughput", "latency" -> NotYetAvailable.report(spec.commandLine().getErr(), "bench " + scenario,
                    "the Redis transport lands with issue #3");
            case "seed-failure-mode", "pipeline", "scaling" -> NotYetAvailable.report(spec.commandLine().getErr(),
                    "bench " + scenario, "lands with issue #8");
            default -> {
                spec.commandLine().getErr().println("nautilus bench: unknown scenario '" + scenario
                        + "' (in-memory, throughput, latency, seed-failure-mode, pipeline, scaling)");
                yield 2;
            }
        };
    }
}
