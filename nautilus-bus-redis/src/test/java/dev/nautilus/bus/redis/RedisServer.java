package dev.nautilus.bus.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server process for tests, on a free port in a directory of its own. It can be
 * killed with SIGKILL and restarted on the same port and directory (so AOF survives).
 */
public final class RedisServer implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final List<String> extraArgs;
    private Process process;
    private RedisClient client;
    private StatefulRedisConnection<String, String> admin;

    private RedisServer(Path dir, int port, List<String> extraArgs) {
        this.dir = dir;
        this.port = port;
        this.extraArgs = extraArgs;
    }

    /** Starts a server without persistence, or with the given extra arguments (e.g. {@code --appendonly yes}). */
    public static RedisServer start(String... extraArgs) throws IOException {
        Path dir = Files.createTempDirectory("nautilus-redis-");
        RedisServer server = new RedisServer(dir, freePort(), List.of(extraArgs));
        server.launch();
        return server;
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--daemonize", "no",
                "--logfile", dir.resolve("redis.log").toString()));
        if (!extraArgs.contains("--appendonly")) {
            command.addAll(List.of("--appendonly", "no"));
        }
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot start redis-server (is it installed? ./nautilus test installs it): " + e.getMessage(), e);
        }
        client = RedisClient.create(RedisURI.create(url()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                admin = client.connect();
                admin.sync().ping();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IOException("redis-server on port " + port + " did not come up: " + e.getMessage()
                            + " (log: " + dir.resolve("redis.log") + ")", e);
                }
                sleep(50);
            }
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Commands on an unnamed admin connection of the test. */
    public RedisCommands<String, String> redis() {
        return admin.sync();
    }

    /** One {@code INFO} section as key/value lines. */
    public String info(String section) {
        return redis().info(section);
    }

    /** A field of {@code INFO commandstats} for a command, e.g. {@code failed_calls} of {@code xreadgroup}; 0 if never called. */
    public long commandStat(String command, String field) {
        for (String line : info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                for (String part : line.substring(line.indexOf(':') + 1).split(",")) {
                    String[] kv = part.split("=");
                    if (kv[0].equals(field)) {
                        return (long) Double.parseDouble(kv[1]);
                    }
                }
            }
        }
        return 0;
    }

    /** SIGKILL: no shutdown, no final fsync. */
    public void kill() {
        closeClient();
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts again on the same port and directory. */
    public void restart() throws IOException {
        launch();
    }

    private void closeClient() {
        if (admin != null) {
            admin.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() {
        kill();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is harmless.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
