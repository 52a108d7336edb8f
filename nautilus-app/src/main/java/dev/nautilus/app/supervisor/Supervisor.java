package dev.nautilus.app.supervisor;

import dev.nautilus.app.supervisor.SupervisedProcess.Health;
import dev.nautilus.engines.host.EngineMatrix;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a set of child processes running: starts the consumers, waits for them to be healthy, then
 * the MarketData hub (a new consumer group starts at new messages, so a consumer started after the
 * hub would miss the start of the replay); restarts a child that exits with back-off and jitter; polls
 * each child's {@code /health}; and on close stops them in data-flow order, the hub first, so that
 * every engine drains what the one before it published.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final ChildLauncher launcher;
    private final RestartBackoff backoff;
    private final Map<String, SupervisedProcess> children;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(
            1, Thread.ofPlatform().name("supervisor").daemon().factory());
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private volatile boolean stopping;

    private Supervisor(List<ChildSpec> specs, ChildLauncher launcher, RestartBackoff backoff) {
        this.launcher = launcher;
        this.backoff = backoff;
        this.children = specs.stream()
                .collect(Collectors.toMap(
                        ChildSpec::name,
                        SupervisedProcess::new,
                        (a, b) -> {
                            throw new IllegalArgumentException(
                                    "two children named " + a.spec().name());
                        },
                        java.util.LinkedHashMap::new));
    }

    /**
     * Starts every child: the consumers at once, the hub (if any) once they are all healthy.
     *
     * @param healthyWithin how long the consumers may take to report UP before the start fails
     * @throws IllegalStateException naming the children that did not come up (all are stopped then)
     */
    public static Supervisor start(
            List<ChildSpec> specs, ChildLauncher launcher, RestartBackoff backoff, Duration healthyWithin)
            throws IOException, InterruptedException {
        Supervisor supervisor = new Supervisor(specs, launcher, backoff);
        try {
            supervisor.scheduler.scheduleWithFixedDelay(supervisor::probeAll, 500, 500, TimeUnit.MILLISECONDS);
            List<SupervisedProcess> consumers = supervisor.children.values().stream()
                    .filter(c -> !c.spec().name().equals(EngineMatrix.MARKETDATA))
                    .toList();
            for (SupervisedProcess child : consumers) {
                supervisor.launch(child);
            }
            supervisor.awaitHealthy(consumers, healthyWithin);
            SupervisedProcess hub = supervisor.children.get(EngineMatrix.MARKETDATA);
            if (hub != null) {
                supervisor.launch(hub);
                supervisor.awaitHealthy(List.of(hub), healthyWithin);
            }
            return supervisor;
        } catch (IOException | InterruptedException | RuntimeException e) {
            supervisor.close();
            throw e;
        }
    }

    /** One row per child, in the order they were given. */
    public List<ChildStatus> status(Function<String, Integer> busConnections) {
        List<ChildStatus> rows = new ArrayList<>();
        for (SupervisedProcess child : children.values()) {
            rows.add(new ChildStatus(
                    child.spec().name(),
                    child.pid(),
                    child.spec().port(),
                    child.uptime(),
                    child.restarts(),
                    child.health().name(),
                    child.lastExit(),
                    busConnections.apply(child.spec().name())));
        }
        return rows;
    }

    /** The child's current process, for tests and tools that signal it. */
    public java.util.Optional<Process> process(String name) {
        SupervisedProcess child = children.get(name);
        return child == null ? java.util.Optional.empty() : child.process();
    }

    private void launch(SupervisedProcess child) throws IOException {
        child.start(launcher);
        Process process = child.process().orElseThrow();
        LOG.info(
                "started {} pid={} port={} log={}",
                child.spec().name(),
                process.pid(),
                child.spec().port(),
                launcher.log(child.spec().name()));
        process.onExit().thenAccept(exited -> onExit(child, exited));
    }

    private void onExit(SupervisedProcess child, Process exited) {
        if (stopping || child.process().orElse(null) != exited) {
            return;
        }
        int inARow = child.crashed(exited.exitValue(), backoff.stable());
        Duration delay = backoff.delay(inARow);
        LOG.warn(
                "{} (pid {}) exited with {}; restarting in {} ms (crash {} in a row; see {})",
                child.spec().name(),
                exited.pid(),
                exited.exitValue(),
                delay.toMillis(),
                inARow,
                launcher.log(child.spec().name()));
        scheduler.schedule(() -> restart(child), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(SupervisedProcess child) {
        if (stopping) {
            return;
        }
        try {
            launch(child);
            child.restarted();
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot restart {}: {}; trying again", child.spec().name(), e.toString());
            scheduler.schedule(() -> restart(child), backoff.max().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void awaitHealthy(List<SupervisedProcess> group, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (group.stream().allMatch(c -> c.health() == Health.UP)) {
                return;
            }
            Thread.sleep(200);
        }
        List<String> late = group.stream()
                .filter(c -> c.health() != Health.UP)
                .map(c -> c.spec().name() + " (" + c.health() + ", see "
                        + launcher.log(c.spec().name()) + ")")
                .toList();
        throw new IllegalStateException("not healthy within " + within.toSeconds() + " s: " + late);
    }

    private void probeAll() {
        for (SupervisedProcess child : children.values()) {
            boolean alive = child.process().map(Process::isAlive).orElse(false);
            if (!alive) {
                child.health(child.process().isPresent() ? Health.EXITED : Health.STARTING);
                continue;
            }
            if (probe(child.spec())) {
                child.health(Health.UP);
            } else if (child.health() == Health.UP || child.uptime().toSeconds() >= 60) {
                child.health(Health.DOWN); // it was up, or it has had a minute to start
            } else {
                child.health(Health.STARTING);
            }
        }
    }

    private boolean probe(ChildSpec spec) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + spec.port() + spec.healthPath()))
                            .timeout(Duration.ofSeconds(1))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops every child in data-flow order (the hub first), each given time to drain, then killed. */
    @Override
    public void close() {
        stopping = true;
        scheduler.shutdownNow();
        List<String> order = new ArrayList<>(StartOrder.upstreamFirst(children.keySet().stream()
                .filter(n -> EngineMatrix.all().stream().anyMatch(w -> w.name().equals(n)))
                .toList()));
        children.keySet().stream().filter(n -> !order.contains(n)).forEach(order::add); // the API last
        for (String name : order) {
            try {
                children.get(name).stop(STOP_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                children.values().forEach(c -> c.process().ifPresent(Process::destroyForcibly));
                return;
            }
        }
        http.close();
    }
}
