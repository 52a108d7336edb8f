package dev.nautilus.app.cli;

import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.supervisor.ChildLauncher;
import dev.nautilus.app.supervisor.ProcessDeployment;
import dev.nautilus.app.supervisor.SupervisorTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code nautilus up --processes}: starts the deployment, redraws its table every second, stops it on Ctrl-C. */
final class ProcessesUp {

    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    private final NautilusConfig config;
    private final Path configFile;
    private final EngineOptions options;
    private final Duration runFor;
    private final PrintWriter out;
    private final PrintWriter err;

    /** @param configFile the {@code --config} file, or {@code null}: the children read it too */
    ProcessesUp(
            NautilusConfig config,
            Path configFile,
            EngineOptions options,
            Duration runFor,
            PrintWriter out,
            PrintWriter err) {
        this.config = config;
        this.configFile = configFile;
        this.options = options;
        this.runFor = runFor;
        this.out = out;
        this.err = err;
    }

    int run() throws InterruptedException {
        out.println("Starting every engine as its own process (logs in " + ProcessDeployment.logs(config) + ") ...");
        out.flush();
        ProcessDeployment deployment;
        try {
            ProcessDeployment.Options deploymentOptions = ProcessDeployment.Options.every(options.replayArguments());
            deployment = ProcessDeployment.start(
                    config,
                    new ProcessDeployment.Options(
                            deploymentOptions.engines(),
                            options.ports(),
                            deploymentOptions.hubReplayArguments(),
                            deploymentOptions.healthyWithin(),
                            deploymentOptions.backoff(),
                            Optional.ofNullable(configFile)),
                    ChildLauncher.ofThisJvm(ProcessDeployment.logs(config)),
                    new int[] {config.port(6380), config.port(6381)});
        } catch (IOException | RuntimeException e) {
            err.println("nautilus up --processes: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    deployment.close();
                    stopped.countDown();
                },
                "nautilus-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean terminal = System.console() != null;
        long until = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
        while (System.nanoTime() < until && !stopped.await(1, TimeUnit.SECONDS)) {
            if (terminal) {
                out.print(CLEAR_SCREEN);
            }
            out.println(
                    "Nautilus is up as processes (Ctrl-C stops them in data-flow order). Dashboard: http://localhost:"
                            + config.port(3000) + "/?token="
                            + (config.http().tokens().configured()
                                    ? "<NAUTILUS_API_TOKEN>"
                                    : config.http().tokens().admin()));
            out.println("Store: " + deployment.store().line());
            SupervisorTable.lines(deployment.status()).forEach(out::println);
            out.flush();
        }
        if (runFor != null) {
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
            out.println("Nautilus stopped.");
        }
        return 0;
    }
}
