package dev.nautilus.testkit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} process of a test's own, on a free port, without persistence unless asked,
 * in a temporary directory; stopped (and the directory removed) on {@link #close()}. It can be
 * killed with SIGKILL and restarted on the same port and directory, so an AOF survives. Tests run
 * against a real Redis, never a mock. When {@code redis-server} is not installed,
 * {@link #start(String...)} fails with a message saying how to install it: a missing server must
 * not turn into skipped tests. Set-up commands go over a raw protocol socket ({@link #command}),
 * independent of the client under test; {@link #redis()} offers typed commands for assertions.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private Process process;
    private final int port;
    private final Path directory;
    private final List<String> extraArgs;
    private RedisClient client;
    private StatefulRedisConnection<String, String> admin;

    private RedisServer(int port, Path directory, List<String> extraArgs) {
        this.port = port;
        this.directory = directory;
        this.extraArgs = extraArgs;
    }

    /**
     * Starts {@code redis-server --port P --save "" --appendonly no --dir <tmp>} on a free port P, plus
     * any extra arguments (e.g. {@code "--maxmemory", "64mb"}), and waits until it answers {@code PING}.
     */
    public static RedisServer start(String... extraArgs) {
        // Another process may take the port between our probe and Redis binding it: try a few.
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOnPort(freePort(), extraArgs);
            } catch (RedisMissingException e) {
                throw e;
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Like {@link #start(String...)} on a given port: to restart a Redis where its clients expect it. */
    public static RedisServer startOnPort(int port, String... extraArgs) {
        Path directory;
        try {
            directory = Files.createTempDirectory("nautilus-redis-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a directory for redis-server: " + e.getMessage(), e);
        }
        RedisServer server = new RedisServer(port, directory, List.of(extraArgs));
        try {
            server.launch();
            return server;
        } catch (IllegalStateException e) {
            deleteDirectory(directory);
            throw e;
        }
    }

    private void launch() {
        String binary = findBinary();
        List<String> command = new ArrayList<>(List.of(
                binary,
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                directory.toString(),
                "--logfile",
                "redis.log"));
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        try {
            awaitPing();
        } catch (IllegalStateException e) {
            process.destroyForcibly();
            stopProcess();
            throw e;
        }
    }

    /** SIGKILL: no shutdown, no final fsync; the directory (and any AOF) stays for {@link #restart()}. */
    public void kill() {
        closeAdmin();
        process.destroyForcibly();
        stopProcess();
    }

    /** Starts Redis again on the same port and directory. */
    public void restart() {
        launch();
    }

    /** Typed commands on an unnamed connection of the test's own, for assertions. */
    public synchronized RedisCommands<String, String> redis() {
        if (admin == null || !admin.isOpen()) {
            // a client of its own has its own threads (event loops, a timer): one left behind per
            // restart was what made the soak's thread count climb
            closeAdmin();
            RedisClient fresh = RedisClient.create(RedisURI.create(url()));
            try {
                admin = fresh.connect();
            } catch (RuntimeException e) {
                fresh.shutdown(Duration.ZERO, Duration.ofSeconds(1)); // never connected, still has its threads
                throw e;
            }
            client = fresh;
        }
        return admin.sync();
    }

    /** One {@code INFO} section, as Redis writes it. */
    public String info(String section) {
        String reply = command("INFO", section);
        return reply.substring(reply.indexOf("\r\n") + 2);
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

    private synchronized void closeAdmin() {
        if (admin != null) {
            admin.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            admin = null;
        }
    }

    /** redis-server is not installed: retrying cannot help. */
    private static final class RedisMissingException extends IllegalStateException {
        RedisMissingException(String message) {
            super(message);
        }
    }

    /** A port on which nothing listens (at the moment of asking): for "Redis is down" tests. */
    public static int unusedPort() {
        return freePort();
    }

    /** The port Redis listens on. */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Sends one command in the Redis protocol on a fresh connection and returns the raw reply, for
     * tests that must set up state without the code under test. Arguments may hold any characters.
     */
    public String command(String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(encode(args));
            out.flush();
            return readReply(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "redis-server on port " + port + " did not answer " + args[0] + ": " + e.getMessage(), e);
        }
    }

    /** Whether a PING goes unanswered for 100 ms: Redis is busy (e.g. in DEBUG SLEEP) or frozen. */
    public boolean commandTimesOut() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(100);
            socket.getOutputStream().write(encode("PING"));
            socket.getOutputStream().flush();
            readReply(socket.getInputStream());
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("redis-server on port " + port + " is gone: " + e.getMessage(), e);
        }
    }

    private void awaitPing() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String lastError = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "redis-server on port " + port + " exited with " + process.exitValue() + "; log: " + log());
            }
            try {
                if (command("PING").startsWith("+PONG")) {
                    return;
                }
            } catch (IllegalStateException e) {
                lastError = e.getMessage();
            }
            try {
                // Startup wait only: Redis is up within milliseconds, there is nothing to block on.
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within " + START_TIMEOUT
                + " (" + lastError + "); log: " + log());
    }

    private String log() {
        try {
            Path log = directory.resolve("redis.log");
            return Files.exists(log) ? Files.readString(log) : Files.readString(directory.resolve("stdout.log"));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops Redis ({@code SHUTDOWN NOSAVE}, then kills it if it lingers) and removes its directory. */
    @Override
    public void close() {
        closeAdmin();
        try {
            command("SHUTDOWN", "NOSAVE");
        } catch (IllegalStateException e) {
            // Expected: Redis closes the connection instead of replying, or is already down.
        }
        stopProcess();
        deleteDirectory(directory);
    }

    private void stopProcess() {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String findBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + ":/usr/bin:/usr/local/bin:/usr/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "redis-server"))) {
                return Path.of(dir, "redis-server").toString();
            }
        }
        throw new RedisMissingException("redis-server is not installed (not on PATH): these tests need a real Redis. "
                + "Install it (apt-get install redis-server) or run ./nautilus test, which does.");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free port: " + e.getMessage(), e);
        }
    }

    private static byte[] encode(String... args) {
        StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads one reply, nested arrays included, as the text Redis sent. */
    private static String readReply(InputStream in) throws IOException {
        StringBuilder reply = new StringBuilder();
        readValue(in, reply);
        return reply.toString();
    }

    private static void readValue(InputStream in, StringBuilder reply) throws IOException {
        String line = readLine(in);
        reply.append(line).append("\r\n");
        char type = line.charAt(0);
        if (type == '$') {
            int length = Integer.parseInt(line.substring(1));
            if (length >= 0) {
                byte[] data = in.readNBytes(length + 2);
                reply.append(new String(data, StandardCharsets.UTF_8));
            }
        } else if (type == '*') {
            int count = Integer.parseInt(line.substring(1));
            for (int i = 0; i < count; i++) {
                readValue(in, reply);
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read(); // '\n'
                return line.toString();
            }
            line.append((char) c);
        }
        throw new IOException("connection closed");
    }

    private static void deleteDirectory(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }
}
