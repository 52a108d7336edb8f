package dev.nautilus.app.cli;

import dev.nautilus.app.Platform;
import dev.nautilus.bus.TransportStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nautilus up}: the whole platform in one process, on the embedded default unless configured otherwise. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Runs the whole platform in one process (in-memory buses and embedded store unless configured).")
final class UpCommand implements Callable<Integer> {

    @ParentCommand
    NautilusCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--for", paramLabel = "DURATION",
            description = "Stop after this long (ISO-8601, e.g. PT30S); default: run until interrupted.")
    Duration runFor;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "60",
            description = "Replay the recorded BTC/USD trades at X times real time; 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Platform platform;
        try {
            platform = Platform.start(parent.config(), speed);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("nautilus up: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "nautilus-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Nautilus is up.");
        platform.describe().forEach(line -> out.println("  " + line));
        out.println(runFor == null ? "Press Ctrl-C to stop." : "Stopping after " + runFor + ".");
        out.flush();
        if (runFor != null) {
            Thread.sleep(runFor.toMillis());
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
            for (TransportStatus status : platform.bus().status()) {
                out.printf("  %s bus: %d published, %d acked, %d dead-lettered%n", status.bus().displayName(),
                        status.published(), status.acked(), status.deadLettered());
            }
            out.printf("  replay: %d trades published, %d rejected; %d recorded to the store, which held %d before%n",
                    platform.hub().published(), platform.hub().rejected(), platform.recorded(), platform.history());
            out.println("Nautilus stopped.");
            return 0;
        }
        stopped.await();
        return 0;
    }
}
