package dev.nautilus.bus.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A consumer in a JVM of its own on this test's class path, for tests that kill it with SIGKILL:
 * its {@code main} prints {@code READY} once subscribed, and every {@code HANDLED <i>} line it
 * prints goes to a listener.
 */
record ChildConsumer(Process process, Thread output, CountDownLatch ready) {

    static ChildConsumer start(Class<?> main, Consumer<String> handled, String... args) throws IOException {
        return start(main, handled, line -> {}, args);
    }

    /** As {@link #start(Class, Consumer, String...)}; every other line it prints goes to {@code other}. */
    static ChildConsumer start(Class<?> main, Consumer<String> handled, Consumer<String> other, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread output = Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("HANDLED ")) {
                        handled.accept(line.substring(8).trim());
                    } else {
                        other.accept(line);
                    }
                }
            } catch (Exception ignored) {
                // The process was killed: its output ends.
            }
        });
        return new ChildConsumer(process, output, ready);
    }
}
