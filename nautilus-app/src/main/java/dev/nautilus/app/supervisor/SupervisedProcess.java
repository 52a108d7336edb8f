package dev.nautilus.app.supervisor;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One child as the supervisor tracks it: the running process, when it started, how often it came back. */
final class SupervisedProcess {

    private final ChildSpec spec;
    private volatile Process process;
    private volatile Instant startedAt;
    private volatile int restarts;
    private volatile int crashesInARow;
    private volatile String lastExit = "";
    private volatile Health health = Health.STARTING;

    /** What the child's {@code /health} said last. */
    enum Health {
        STARTING,
        UP,
        DOWN,
        EXITED
    }

    SupervisedProcess(ChildSpec spec) {
        this.spec = spec;
    }

    ChildSpec spec() {
        return spec;
    }

    synchronized void start(ChildLauncher launcher) throws IOException {
        process = launcher.start(spec);
        startedAt = Instant.now();
        health = Health.STARTING;
    }

    /** Counts an exit that was not asked for; returns how many in a row (reset once up long enough). */
    synchronized int crashed(int exitCode, Duration stable) {
        lastExit = "exit " + exitCode;
        health = Health.EXITED;
        crashesInARow = uptime().compareTo(stable) >= 0 ? 1 : crashesInARow + 1;
        return crashesInARow;
    }

    void restarted() {
        restarts++;
    }

    /** Asks the child to stop (SIGTERM: its shutdown hook drains and closes), then kills it after {@code grace}. */
    void stop(Duration grace) throws InterruptedException {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        if (!running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            running.destroyForcibly();
            running.waitFor(5, TimeUnit.SECONDS);
        }
    }

    Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    long pid() {
        Process running = process;
        return running == null ? -1 : running.pid();
    }

    Duration uptime() {
        Instant started = startedAt;
        Process running = process;
        return started == null || running == null || !running.isAlive()
                ? Duration.ZERO
                : Duration.between(started, Instant.now());
    }

    int restarts() {
        return restarts;
    }

    String lastExit() {
        return lastExit;
    }

    Health health() {
        return health;
    }

    void health(Health value) {
        health = value;
    }
}
