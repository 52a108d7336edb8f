package dev.nautilus.app.cli;

import dev.nautilus.app.Platform;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nautilus engine NAME}: runs one engine as its own process against the configured buses.
 * The {@code marketdata} hub replays unless {@code --no-replay}; other engines only consume.
 */
@Command(name = "engine", mixinStandardHelpOptions = true, description = "Runs one engine as its own process.")
final class EngineCommand implements Callable<Integer> {

    @ParentCommand
    NautilusCommand parent;

    @Parameters(paramLabel = "NAME", description = "Engine name, e.g. risk.")
    String name;

    @Option(
            names = "--instance",
            paramLabel = "ID",
            description = "Consumer name suffix of this instance (default: the process id), so instances share work.")
    String instance;

    @Mixin
    EngineOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Platform platform;
        try {
            platform = Platform.start(parent.config(), name.replaceAll("[^A-Za-z0-9_.\\-]", "_"));
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("nautilus engine: " + e.getMessage());
            return 1;
        }
        try {
            platform.startEngines(
                    List.of(name),
                    options.ports(),
                    instance != null
                            ? instance
                            : String.valueOf(
                                    ManagementFactory.getRuntimeMXBean().getPid()));
            if (platform.hub().isPresent() && !options.noReplay) {
                options.startReplay(platform);
            }
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("nautilus engine: " + e.getMessage());
            platform.close();
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            platform.close();
                            stopped.countDown();
                        },
                        "nautilus-shutdown"));
        out.println("Engine " + name + " is up.");
        platform.describe().forEach(line -> out.println("  " + line));
        out.flush();
        stopped.await();
        return 0;
    }
}
