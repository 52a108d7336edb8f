package dev.nautilus.bus.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code /usr/bin/python3} with the Python client ({@code clients/python}) on its path,
 * for the tests that check the client against real Redis and the Java bus. {@code ./nautilus test}
 * installs python3-redis; without it the tests fail saying so, they are never skipped.
 */
final class PythonClient {

    static final String PYTHON = "/usr/bin/python3";

    /** What a run printed (stdout and stderr together) and how it ended. */
    record Result(int exitCode, String output) {

        /** The lines that are JSON objects: what a driver prints for the test to read. */
        List<String> jsonLines() {
            return output.lines().filter(line -> line.startsWith("{")).toList();
        }
    }

    private PythonClient() {}

    /** {@code clients/python} of this checkout, found from the module directory Maven runs tests in. */
    static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path client = dir.resolve("clients/python");
            if (Files.isRegularFile(client.resolve("pyproject.toml"))) {
                return client;
            }
        }
        throw new IllegalStateException(
                "clients/python not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * Runs {@code python3 args…} in {@code clients/python} with the given environment added, and
     * waits for it (killing it after {@code timeout}).
     */
    static Result run(Map<String, String> env, Duration timeout, String... args)
            throws IOException, InterruptedException {
        requireRedisModule();
        Path output = Files.createTempFile("nautilus-python-", ".log");
        try {
            List<String> command = new ArrayList<>(List.of(PYTHON));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(env);
            builder.environment().put("PYTHONPATH", directory().toString());
            // No __pycache__ directories in the source tree from a build.
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, "killed after " + timeout + ":\n" + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void requireRedisModule() throws IOException, InterruptedException {
        Process check = new ProcessBuilder(PYTHON, "-c", "import redis")
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes());
        if (check.waitFor() != 0) {
            throw new IllegalStateException(
                    "Debian's python3 with python3-redis is needed (./nautilus test installs it): " + output);
        }
    }
}
