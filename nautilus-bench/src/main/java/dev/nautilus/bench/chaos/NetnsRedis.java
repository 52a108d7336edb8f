package dev.nautilus.bench.chaos;

import dev.nautilus.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} (AOF, {@code appendfsync always}) in a network namespace of its own, reachable from this host only over a
 * veth pair ({@code chaosh<k>} here, {@code chaosn<k>} there, 10.215.k.1 and 10.215.k.2), so the link
 * can be cut without touching any other traffic. Cuts drop packets silently, as a real partition
 * does: towards the server by pointing this host's neighbour entry at a MAC nobody has, from the
 * server by a blackhole route in the namespace. Everything is removed on {@link #close()}, also
 * after a failure.
 */
final class NetnsRedis implements AutoCloseable {

    /** Which way packets are dropped. */
    enum Cut {
        TO_SERVER,
        FROM_SERVER,
        BOTH
    }

    private static final String NOBODY_MAC = "02:00:00:00:c4:05";

    private final int k;
    private final String namespace;
    private final String hostSide;
    private final String nsSide;
    private final int port;
    private final Path directory;
    private Process server;
    private RedisClient client;
    private StatefulRedisConnection<String, String> admin;
    private String serverMac;
    private boolean closed;

    private NetnsRedis(int k, Path directory) {
        this.k = k;
        this.namespace = "chaos" + k;
        this.hostSide = "chaosh" + k;
        this.nsSide = "chaosn" + k;
        this.port = RedisServer.unusedPort();
        this.directory = directory;
    }

    /** Makes the namespace and the link, and starts Redis behind it. */
    static NetnsRedis start() throws Exception {
        NetnsRedis redis = new NetnsRedis(
                ThreadLocalRandom.current().nextInt(1, 250), Files.createTempDirectory("nautilus-chaos-netns-"));
        try {
            redis.setUp();
            return redis;
        } catch (Exception e) {
            redis.close();
            throw e;
        }
    }

    private void setUp() throws Exception {
        ip("netns", "add", namespace);
        ip("link", "add", hostSide, "type", "veth", "peer", "name", nsSide);
        ip("link", "set", nsSide, "netns", namespace);
        ip("addr", "add", hostAddress() + "/24", "dev", hostSide);
        ip("link", "set", hostSide, "up");
        inNamespace("ip", "addr", "add", serverAddress() + "/24", "dev", nsSide);
        inNamespace("ip", "link", "set", nsSide, "up");
        inNamespace("ip", "link", "set", "lo", "up");
        serverMac = output(List.of("ip", "netns", "exec", namespace, "cat", "/sys/class/net/" + nsSide + "/address"))
                .strip();
        launch();
    }

    /** SIGKILL of the server, then a start on the same address, port and directory (its AOF). */
    void restart() throws Exception {
        closeAdmin();
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        launch();
    }

    private void launch() throws Exception {
        server = new ProcessBuilder(List.of(
                        "ip",
                        "netns",
                        "exec",
                        namespace,
                        "redis-server",
                        "--port",
                        String.valueOf(port),
                        "--bind",
                        serverAddress(),
                        "--protected-mode",
                        "no",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--maxmemory-policy",
                        "noeviction",
                        "--dir",
                        directory.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("redis.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                redis().ping();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    throw new IllegalStateException("redis-server in " + namespace + " did not answer: " + e, e);
                }
                closeAdmin();
                Thread.sleep(100);
            }
        }
    }

    String url() {
        return "redis://" + serverAddress() + ":" + port;
    }

    private String hostAddress() {
        return "10.215." + k + ".1";
    }

    private String serverAddress() {
        return "10.215." + k + ".2";
    }

    /** Typed commands for counting (they hang until the command timeout while the link is cut). */
    synchronized RedisCommands<String, String> redis() {
        if (admin == null) {
            RedisClient fresh = RedisClient.create(RedisURI.create(url()));
            fresh.setDefaultTimeout(Duration.ofSeconds(5));
            try {
                admin = fresh.connect();
            } catch (RuntimeException e) {
                // a client that never connected still has its threads: the start loop's retries
                // left one behind each, which was the soak's thread growth
                fresh.shutdown(Duration.ZERO, Duration.ofSeconds(1));
                throw e;
            }
            client = fresh;
        }
        return admin.sync();
    }

    /** Starts dropping packets. */
    void cut(Cut cut) throws Exception {
        if (cut != Cut.FROM_SERVER) {
            ip("neigh", "replace", serverAddress(), "lladdr", NOBODY_MAC, "dev", hostSide, "nud", "permanent");
        }
        if (cut != Cut.TO_SERVER) {
            inNamespace("ip", "route", "add", "blackhole", hostAddress() + "/32");
        }
    }

    /** Stops dropping packets (either way). */
    void heal() throws Exception {
        ip("neigh", "replace", serverAddress(), "lladdr", serverMac, "dev", hostSide, "nud", "reachable");
        quietly(List.of("ip", "netns", "exec", namespace, "ip", "route", "del", "blackhole", hostAddress() + "/32"));
    }

    private void ip(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        output(command);
    }

    private void inNamespace(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        command.addAll(List.of(args));
        output(command);
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + text.strip());
        }
        return text;
    }

    private static void quietly(List<String> command) {
        try {
            new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // cleaning up: nothing more to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void closeAdmin() {
        if (admin != null) {
            admin.close();
            client.shutdown();
            admin = null;
        }
    }

    /** Idempotent: the rig closes it, and so may its creator. */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        closeAdmin();
        if (server != null) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        quietly(List.of("ip", "link", "del", hostSide));
        quietly(List.of("ip", "netns", "del", namespace));
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
