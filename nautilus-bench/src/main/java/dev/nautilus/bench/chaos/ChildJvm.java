package dev.nautilus.bench.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on this JVM's class path, the scenarios' victim: started, awaited until it prints
 * {@code READY}, then killed ({@code SIGKILL}), stopped ({@code SIGSTOP}) or continued
 * ({@code SIGCONT}). Its output goes to {@code <logs>/<name>.log}.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        Thread.ofPlatform().daemon(true).name("child-" + name).start(() -> copy(log));
    }

    /** Starts {@code main} with {@code args} and waits until it is ready. */
    public static ChildJvm start(String name, Class<?> main, Path logs, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small heaps and the C1 compiler only: several of these share two cores with the scenario.
        command.addAll(List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("--enable-native-access") || flag.startsWith("--sun-misc-unsafe"))
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        Files.createDirectories(logs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ChildJvm child = new ChildJvm(name, process, logs.resolve(name + ".log"));
        if (!child.ready.await(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            child.kill();
            throw new IllegalStateException(
                    name + " did not print READY within " + READY_TIMEOUT + "; see " + logs.resolve(name + ".log"));
        }
        return child;
    }

    private void copy(Path log) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(
                        Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("READY")) {
                    ready.countDown();
                }
                out.println(line);
                out.flush();
            }
        } catch (IOException e) {
            // The child died: its output ends.
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the process freezes, its sockets stay open. */
    public void stop() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        if (code != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited " + code);
        }
    }

    /** Kills it if still running (a stopped process is continued first, so it can die). */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly();
            new ProcessBuilder("kill", "-CONT", String.valueOf(process.pid()))
                    .start()
                    .waitFor();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
