package dev.nautilus.app.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two bus Redis servers with the seeds' settings, for a newcomer who has none: the MarketData bus
 * with AOF ({@code appendonly yes}, {@code save 60 1000}), the Engine Logic bus without persistence,
 * both {@code noeviction} (the seeds' {@code allkeys-lru} can evict whole streams with their groups;
 * {@code MAXLEN} bounds memory instead). The settings are the files {@value #CONFIG_DIR}{@code *.conf}
 * on the class path, which {@code deploy/redis/} ships as well.
 */
public final class BusRedisServers implements AutoCloseable {

    static final String CONFIG_DIR = "/nautilus/redis/";

    private final List<Process> servers;
    private final int marketDataPort;
    private final int engineLogicPort;

    private BusRedisServers(List<Process> servers, int marketDataPort, int engineLogicPort) {
        this.servers = servers;
        this.marketDataPort = marketDataPort;
        this.engineLogicPort = engineLogicPort;
    }

    /**
     * Starts both servers with their data under {@code dataDir}/redis-*.
     *
     * @throws IllegalStateException when redis-server is missing, a port is taken or a server does not answer
     */
    public static BusRedisServers start(Path dataDir, int marketDataPort, int engineLogicPort)
            throws IOException, InterruptedException {
        Process marketData = server(dataDir, "marketdata", marketDataPort);
        try {
            Process engineLogic = server(dataDir, "engine_logic", engineLogicPort);
            return new BusRedisServers(List.of(marketData, engineLogic), marketDataPort, engineLogicPort);
        } catch (IOException | InterruptedException | RuntimeException e) {
            marketData.destroy();
            throw e;
        }
    }

    public String marketDataUrl() {
        return "redis://127.0.0.1:" + marketDataPort;
    }

    public String engineLogicUrl() {
        return "redis://127.0.0.1:" + engineLogicPort;
    }

    private static Process server(Path dataDir, String bus, int port) throws IOException, InterruptedException {
        if (answers(port)) {
            throw new IllegalStateException("port " + port + " for the " + bus + " bus Redis is taken: stop what"
                    + " listens there, or set NAUTILUS_MARKETDATA_BUS_URL and NAUTILUS_ENGINE_LOGIC_BUS_URL to use it");
        }
        Path dir = Files.createDirectories(dataDir.resolve("redis-" + bus));
        Path config = dir.resolve(bus + ".conf");
        try (InputStream in = BusRedisServers.class.getResourceAsStream(CONFIG_DIR + bus + ".conf")) {
            if (in == null) {
                throw new IllegalStateException(
                        "Redis settings " + CONFIG_DIR + bus + ".conf are missing from the class path");
            }
            Files.copy(in, config, StandardCopyOption.REPLACE_EXISTING);
        }
        Process process;
        try {
            process = new ProcessBuilder(
                            "redis-server",
                            config.toString(),
                            "--port",
                            String.valueOf(port),
                            "--bind",
                            "127.0.0.1",
                            "--dir",
                            dir.toString(),
                            "--daemonize",
                            "no")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot start redis-server for the " + bus + " bus (is it installed?"
                            + " apt-get install redis-server): " + e.getMessage(),
                    e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answers(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the " + bus + " bus Redis did not start on port " + port + "; see "
                        + dir.resolve("redis.log"));
            }
            Thread.sleep(50);
        }
        return process;
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops both servers (SIGTERM: the AOF is flushed). */
    @Override
    public void close() {
        for (Process server : servers) {
            server.destroy();
        }
        for (Process server : servers) {
            try {
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.destroyForcibly();
            }
        }
    }
}
