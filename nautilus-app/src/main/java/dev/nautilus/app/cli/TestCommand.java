package dev.nautilus.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code nautilus test}: the test suite runs before the application can be built, so the
 * {@code ./nautilus} launcher handles it (prepares Redis and PostgreSQL, then {@code mvn verify}).
 * Reaching this class means the JVM was started directly.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description =
                "Runs the test suite: prepares Redis and PostgreSQL servers, then mvn verify. Handled by the ./nautilus launcher.")
final class TestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getErr()
                .println(
                        "nautilus test: run it through the launcher, ./nautilus test, which prepares the servers and runs mvn verify");
        return 2;
    }
}
