package dev.nautilus.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nautilus monitor}: live view of the buses. */
@Command(name = "monitor", mixinStandardHelpOptions = true, description = "Live view of the buses: CPU, clients by engine, failed calls, lag.")
final class MonitorCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Arguments of the command.")
    List<String> args;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec.commandLine().getErr(), "monitor", "the bus monitor lands with issue #3");
    }
}
