package dev.nautilus.app.cli;

import dev.nautilus.app.monitor.LiveMonitor;
import dev.nautilus.app.monitor.MonitorTable;
import dev.nautilus.app.monitor.MonitorTargets;
import dev.nautilus.app.monitor.SnapshotJson;
import dev.nautilus.bus.redis.monitor.BusMonitor;
import dev.nautilus.bus.redis.monitor.MonitorSnapshot;
import dev.nautilus.bus.redis.monitor.MonitorTarget;
import dev.nautilus.bus.redis.monitor.RedisSnapshot;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nautilus monitor}: live view of the buses (SPEC §1.8). */
@Command(
        name = "monitor",
        mixinStandardHelpOptions = true,
        description = "Live view of each Redis: CPU %%, clients by engine, calls and FAILED calls per command, "
                + "stream lengths, consumer-group lag and pending, dead letters. Watches the configured MarketData bus, "
                + "Engine Logic bus and (if set) main Redis; the options below replace any of them.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:shown (live view: stopped with Ctrl-C)",
            "1:--once/--json: at least one Redis was unreachable",
            "2:no Redis to watch (in-memory buses and no URL given)",
            "78:bad configuration or URL"
        })
final class MonitorCommand implements Callable<Integer> {

    /** Exit code when nothing is configured to watch. */
    static final int NOTHING_TO_WATCH = 2;
    /** Exit code of a one-shot view in which a Redis was unreachable. */
    static final int UNREACHABLE = 1;

    @ParentCommand
    NautilusCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--once", description = "Print one snapshot as a table and exit.")
    boolean once;

    @Option(names = "--json", description = "Print one snapshot as JSON and exit.")
    boolean json;

    @Option(
            names = "--interval",
            paramLabel = "SECONDS",
            defaultValue = "1",
            description = "Seconds between refreshes of the live view (default: ${DEFAULT-VALUE}).")
    double intervalSeconds;

    @Option(
            names = "--marketdata",
            paramLabel = "URL",
            description = "MarketData bus Redis, instead of the configured one.")
    Optional<String> marketData;

    @Option(
            names = "--engine-logic",
            paramLabel = "URL",
            description = "Engine Logic bus Redis, instead of the configured one.")
    Optional<String> engineLogic;

    @Option(names = "--main", paramLabel = "URL", description = "Main (legacy) Redis, instead of the configured one.")
    Optional<String> main;

    @Option(
            names = "--prefix",
            paramLabel = "PREFIX",
            description = "Stream-key prefix, instead of the configured one.")
    Optional<String> prefix;

    @Option(names = "--no-color", description = "No ANSI colours (they are off anyway when output is not a terminal).")
    boolean noColor;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(intervalSeconds >= 0.1 && intervalSeconds <= 3600)) {
            throw new ParameterException(
                    spec.commandLine(), "--interval must be between 0.1 and 3600 seconds, was " + intervalSeconds);
        }
        List<MonitorTarget> targets =
                MonitorTargets.resolve(parent.config().bus(), marketData, engineLogic, main, prefix);
        if (targets.isEmpty()) {
            err.println("nautilus monitor: " + MonitorTargets.NOTHING_TO_WATCH);
            err.flush();
            return NOTHING_TO_WATCH;
        }
        boolean color = !noColor && System.console() != null && !json;
        try (BusMonitor monitor = new BusMonitor(targets)) {
            if (json || once) {
                MonitorSnapshot snapshot = monitor.snapshot();
                out.print(
                        json
                                ? SnapshotJson.write(snapshot) + System.lineSeparator()
                                : new MonitorTable(color).render(snapshot, ""));
                out.flush();
                return snapshot.redis().stream().allMatch(RedisSnapshot::reachable) ? 0 : UNREACHABLE;
            }
            return live(monitor, out, color);
        }
    }

    private int live(BusMonitor monitor, PrintWriter out, boolean color) throws InterruptedException {
        Duration interval = Duration.ofMillis(Math.round(intervalSeconds * 1000));
        LiveMonitor live = new LiveMonitor(monitor, new MonitorTable(color), out, interval);
        // Ctrl-C runs shutdown hooks while run() is still drawing: stop it, cut a slow sample short,
        // and let it restore the cursor before the JVM exits.
        Thread hook = new Thread(
                () -> {
                    live.stop();
                    monitor.close();
                    try {
                        live.awaitFinished(Duration.ofSeconds(3));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "nautilus-monitor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            live.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running and waits for us.
            }
        }
        return 0;
    }
}
