package dev.nautilus.app.cli;

import dev.nautilus.app.Platform;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nautilus api}: the Backend API and the dashboard as a process of their own, next to engines
 * running as separate processes on the configured Redis buses. It reads the buses as its own consumer
 * group and asks the engines' {@code /health} on their default ports (plus the offset). It opens no
 * store: the embedded store belongs to one process, so stored bars answer 503 here.
 */
@Command(
        name = "api",
        mixinStandardHelpOptions = true,
        description = "Runs the Backend API and the dashboard alone, against the configured buses.")
final class ApiCommand implements Callable<Integer> {

    @ParentCommand
    NautilusCommand parent;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "NAME=PORT",
            split = ",",
            description =
                    "Ports replacing the defaults (before the offset): api (8001), dashboard (3000), websocket (8600), "
                            + "or an engine whose /health to ask, e.g. --port api=0,risk=8210.")
    Map<String, Integer> ports = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Platform platform;
        try {
            platform = Platform.start(parent.config(), "api");
            platform.startFaces(ports);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("nautilus api: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            platform.close();
                            stopped.countDown();
                        },
                        "nautilus-shutdown"));
        out.println("Backend API and dashboard are up.");
        platform.describe().forEach(line -> out.println("  " + line));
        out.flush();
        stopped.await();
        return 0;
    }
}
