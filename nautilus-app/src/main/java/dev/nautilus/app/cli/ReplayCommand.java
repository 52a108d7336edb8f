package dev.nautilus.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nautilus replay}: Replays recorded market data onto the buses. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Replays recorded market data onto the buses.")
final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Arguments of the command.")
    List<String> args;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec.commandLine().getErr(), "replay", "the MarketData hub lands with issue #4");
    }
}
