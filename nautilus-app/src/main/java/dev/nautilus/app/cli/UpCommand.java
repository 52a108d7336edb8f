package dev.nautilus.app.cli;

import dev.nautilus.app.Platform;
import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.bus.TransportStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nautilus up}: the whole platform in one process, on the embedded default unless configured
 * otherwise: every implemented engine with its HTTP endpoints, and the hub replaying the real BTC
 * trades (or a CSV / the synthetic feed, whose reference data feeds the Factor and Toraniko engines).
 */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = "Runs the whole platform in one process (in-memory buses and embedded store unless configured).")
final class UpCommand implements Callable<Integer> {

    @ParentCommand
    NautilusCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions options;

    @Option(
            names = "--processes",
            description = "The seeds' deployment: every engine as its own supervised process, the API and dashboard in"
                    + " another, on the configured Redis buses (or two it starts itself) — see docs/DEPLOYMENT.md.")
    boolean processes;

    @Option(
            names = "--for",
            paramLabel = "DURATION",
            description = "Stop after this long (ISO-8601, e.g. PT30S); default: run until interrupted.")
    Duration runFor;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (processes) {
            return new ProcessesUp(
                            parent.config(),
                            parent.configFile,
                            options,
                            runFor,
                            out,
                            spec.commandLine().getErr())
                    .run();
        }
        Platform platform;
        try {
            platform = Platform.start(parent.config());
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("nautilus up: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    platform.close();
                    stopped.countDown();
                },
                "nautilus-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            platform.startEngines(EngineCatalog.PLATFORM, options.ports(), "1");
            platform.startFaces(options.ports());
            if (!options.noReplay) {
                options.startReplay(platform);
            }
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("nautilus up: " + e.getMessage());
            Runtime.getRuntime().removeShutdownHook(hook);
            platform.close();
            return 1;
        }
        out.println("Nautilus is up.");
        platform.describe().forEach(line -> out.println("  " + line));
        out.println(runFor == null ? "Press Ctrl-C to stop." : "Stopping after " + runFor + ".");
        out.flush();
        if (runFor != null) {
            Thread.sleep(runFor.toMillis());
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
            for (TransportStatus status : platform.bus().status()) {
                out.printf(
                        "  %s bus: %d published, %d acked, %d dead-lettered%n",
                        status.bus().displayName(), status.published(), status.acked(), status.deadLettered());
            }
            out.println("Nautilus stopped.");
            return 0;
        }
        stopped.await();
        return 0;
    }
}
