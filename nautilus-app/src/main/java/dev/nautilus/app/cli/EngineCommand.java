package dev.nautilus.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nautilus engine NAME}: runs one engine as its own process. */
@Command(name = "engine", mixinStandardHelpOptions = true, description = "Runs one engine as its own process.")
final class EngineCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "Engine name, e.g. risk.")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec.commandLine().getErr(), "engine " + name, "the engine host lands with issue #4");
    }
}
