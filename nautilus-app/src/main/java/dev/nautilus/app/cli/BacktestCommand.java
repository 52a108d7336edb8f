package dev.nautilus.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nautilus backtest}: Backtests a strategy on recorded history. */
@Command(name = "backtest", mixinStandardHelpOptions = true, description = "Backtests a strategy on recorded history.")
final class BacktestCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Arguments of the command.")
    List<String> args;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec.commandLine().getErr(), "backtest", "the backtester lands with issue #5");
    }
}
