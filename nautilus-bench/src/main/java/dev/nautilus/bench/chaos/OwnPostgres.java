package dev.nautilus.bench.chaos;

import dev.nautilus.testkit.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the scenario's own ({@code initdb} and {@code pg_ctl} in a temporary
 * directory, on a free port, trust authentication, run as the {@code postgres} user since
 * {@code initdb} refuses root), so it can be restarted in immediate mode without touching any shared
 * server. Removed on {@link #close()}.
 */
final class OwnPostgres implements AutoCloseable {

    private final Path bin;
    private final Path directory;
    private final int port;

    private OwnPostgres(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    /** Creates the cluster and starts it. */
    static OwnPostgres start() throws Exception {
        Path bin = findBin();
        Path directory = Files.createTempDirectory("nautilus-chaos-pg-");
        run(List.of("chown", "postgres", directory.toString()));
        OwnPostgres server = new OwnPostgres(bin, directory, RedisServer.unusedPort());
        try {
            server.asPostgres(List.of(
                    bin.resolve("initdb").toString(), "-D", server.data().toString(), "-A", "trust", "-U", "postgres"));
            server.startServer();
            return server;
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** {@code pg_ctl stop -m immediate}: no checkpoint, like a crash; recovery replays the WAL. */
    void stopImmediately() throws Exception {
        asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
    }

    /** Starts the server and waits until it accepts connections. */
    void startServer() throws Exception {
        asPostgres(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data().toString(),
                "-l",
                directory.resolve("server.log").toString(),
                "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=on",
                "-w",
                "start"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", "")) {
                return;
            } catch (java.sql.SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private Path data() {
        return directory.resolve("data");
    }

    private void asPostgres(List<String> command) throws Exception {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    private static Path findBin() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException(
                            "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin: install postgresql"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("PostgreSQL is not installed (/usr/lib/postgresql missing)", e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                stopImmediately();
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
