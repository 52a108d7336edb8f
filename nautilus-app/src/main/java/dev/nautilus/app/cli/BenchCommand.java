package dev.nautilus.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code nautilus bench}: listed here so {@code --help} names it, but served by the nautilus-bench
 * module, which depends on this one and is never on the application's class path; the
 * {@code ./nautilus} launcher runs it. Reaching this class means the JVM was started directly.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a named benchmark scenario and prints its figures (JSON under build/bench/).",
            "Served by the nautilus-bench module, which the ./nautilus launcher runs."
        })
final class BenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "SCENARIO")
    List<String> scenario;

    @Unmatched
    List<String> options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getErr()
                .println("nautilus bench: run it through the launcher, ./nautilus bench SCENARIO, "
                        + "which runs the nautilus-bench module (benchmarks are not on the application's class path)");
        return 2;
    }
}
