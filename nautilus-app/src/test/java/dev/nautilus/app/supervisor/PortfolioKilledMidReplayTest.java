package dev.nautilus.app.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.app.Connections;
import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.strategy.StrategySignal;
import dev.nautilus.engines.topics.StrategyTopics;
import dev.nautilus.testkit.RedisServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Portfolio engine as a real supervised process, started with {@code up --processes}'s command
 * line for it, on Redis buses, with every setting in a {@code --config} file the deployment hands
 * on, keeping its state in its own
 * PostgreSQL pool: fed a deterministic replay of strategy signals, once without interruption and
 * once SIGKILLed mid-replay and restarted by the supervisor. Both end with the same positions, cash,
 * P&amp;L, fees, marks and rejections, digit for digit, and each input is in the state exactly once.
 */
class PortfolioKilledMidReplayTest {

    private static final String DB_URL =
            System.getenv().getOrDefault("NAUTILUS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String DB_USER = System.getenv().getOrDefault("NAUTILUS_TEST_DB_USER", "root");
    private static final int SIGNALS = 1_200;
    private static final String INSTRUMENT = "BTCUSD";

    @TempDir
    static Path dataDir;

    private static RedisServer marketData;
    private static RedisServer engineLogic;
    private static final String SCHEMA_PREFIX =
            "nautilus_deploy_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFFL);

    @BeforeAll
    static void startRedis() {
        marketData = RedisServer.start();
        engineLogic = RedisServer.start();
    }

    @AfterAll
    static void stop() throws SQLException {
        try (Connection db = DriverManager.getConnection(DB_URL, DB_USER, null);
                Statement statement = db.createStatement()) {
            for (String run : List.of("whole", "killed")) {
                statement.execute("drop schema if exists " + SCHEMA_PREFIX + "_" + run + " cascade");
            }
        } finally {
            marketData.close();
            engineLogic.close();
        }
    }

    @Test
    void killedMidReplayAndRestartedEndsWithTheSamePositionsAndPnlAsAnUninterruptedRun() throws Exception {
        Run whole = run("whole", false);
        Run killed = run("killed", true);

        assertThat(killed.restarts())
                .as("the supervisor restarted the killed Portfolio")
                .isEqualTo(1);
        assertThat(killed.handledAtKill())
                .as("killed mid-replay, with inputs stored and inputs still to come")
                .isBetween(1L, SIGNALS - 1L);
        assertThat(whole.handled()).as("each input in the state exactly once").isEqualTo(SIGNALS);
        assertThat(killed.handled())
                .as("each input in the state exactly once, across the kill")
                .isEqualTo(SIGNALS);
        assertThat(killed.state()).isEqualTo(whole.state());
        assertThat(whole.state()).contains("\"fillCount\":").doesNotContain("\"fillCount\":0,");
        System.out.printf(
                "killed at %d of %d inputs stored; after the restart %d redelivered inputs dropped%n",
                killed.handledAtKill(), SIGNALS, killed.duplicatesDropped());
        assertThat(whole.connectionsNamed())
                .as("the engine's own pool, named in pg_stat_activity")
                .isPositive();
    }

    private record Run(
            long handled,
            String state,
            int restarts,
            long handledAtKill,
            long duplicatesDropped,
            int connectionsNamed) {}

    private static Run run(String name, boolean kill) throws Exception {
        String schema = SCHEMA_PREFIX + "_" + name;
        int port = freePort();
        // Every setting in a --config file, none in the environment: it reaches the children only
        // if the deployment hands the file on (the engine's state lands in the file's schema).
        Path file = dataDir.resolve(name + ".yaml");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "bus:",
                        "  marketdata_url: " + marketData.url(),
                        "  engine_logic_url: " + engineLogic.url(),
                        "  stream_prefix: n" + name,
                        "store:",
                        "  db_url: " + DB_URL,
                        "  db_user: " + DB_USER,
                        "  pool_size: 2",
                        "  schema: " + schema,
                        "data_dir: " + dataDir.resolve(name),
                        ""));
        NautilusConfig config = new ConfigLoader(Map.of()).load(file);
        ProcessDeployment.Options options = new ProcessDeployment.Options(
                        List.of(EngineMatrix.PORTFOLIO),
                        Map.of(
                                EngineMatrix.PORTFOLIO, port,
                                Platform.API, freePort(),
                                Platform.DASHBOARD, freePort()),
                        List.of(),
                        Duration.ofSeconds(60),
                        new RestartBackoff(Duration.ofMillis(200), Duration.ofSeconds(2), 0.2, Duration.ofMinutes(1)))
                .withConfigFile(file);
        long handledAtKill = -1;
        int connections;
        // the deployment's own command line for the engine (the API it would add is not needed here)
        ChildSpec portfolio = EngineSpecs.of(config, options, EngineMatrix.PORTFOLIO);
        assertThat(portfolio.arguments())
                .startsWith("--config", file.toAbsolutePath().toString(), "engine");
        try (MessageBus bus = Connections.openBus(config.bus(), "strategy");
                Supervisor supervisor = Supervisor.start(
                        List.of(portfolio),
                        ChildLauncher.ofThisJvm(dataDir.resolve("logs-" + name)),
                        options.backoff(),
                        options.healthyWithin())) {
            connections = namedConnections();
            String strategy = PipelineSettings.defaults().strategy().name();
            BigDecimal previous = BigDecimal.ZERO;
            // one burst: the engine works through a backlog, so a kill finds it busy, with a stored
            // batch still unacknowledged and one in hand
            for (int i = 0; i < SIGNALS; i++) {
                double price = 30_000 + 900 * Math.sin(i / 11.0) + 0.37 * i;
                BigDecimal target = BigDecimal.valueOf(((i / 7) % 5) - 2, 1); // -0.2 … 0.2
                boolean changed = target.compareTo(previous) != 0;
                previous = target;
                bus.publish(Message.builder(MessageType.STRATEGY_SIGNAL, StrategyTopics.signal(strategy, INSTRUMENT))
                        .source("strategy")
                        .payload(new StrategySignal(
                                strategy,
                                INSTRUMENT,
                                60_000_000L * i,
                                price,
                                target,
                                changed,
                                false,
                                changed ? "t" : ""))
                        .build());
            }
            try (Connection db = DriverManager.getConnection(DB_URL, DB_USER, null)) {
                if (kill) {
                    await().atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(2))
                            .until(() -> stored(db, schema).handled() >= SIGNALS / 4);
                    supervisor.process(EngineMatrix.PORTFOLIO).orElseThrow().destroyForcibly();
                    handledAtKill = stored(db, schema).handled();
                }
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> stored(db, schema).handled() >= SIGNALS);
            }
            long duplicates = duplicatesDropped(port, config.http().tokens().admin());
            int restarts = supervisor.status(engine -> 0).getFirst().restarts();
            supervisor.close(); // SIGTERM: the engine stores its last snapshot on the way out
            try (Connection db = DriverManager.getConnection(DB_URL, DB_USER, null)) {
                Stored end = stored(db, schema);
                return new Run(end.handled(), end.state(), restarts, handledAtKill, duplicates, connections);
            }
        }
    }

    private record Stored(long handled, String state) {}

    private static Stored stored(Connection db, String schema) throws SQLException {
        try (PreparedStatement query =
                db.prepareStatement("select handled, state from " + schema + ".engine_state where engine = ?")) {
            query.setString(1, EngineMatrix.PORTFOLIO);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? new Stored(row.getLong(1), row.getString(2)) : new Stored(0, "");
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return new Stored(0, ""); // not migrated yet
            }
            throw e;
        }
    }

    private static int namedConnections() throws SQLException {
        try (Connection db = DriverManager.getConnection(DB_URL, DB_USER, null);
                PreparedStatement query =
                        db.prepareStatement("select count(*) from pg_stat_activity where application_name = ?")) {
            query.setString(1, Connections.applicationName(EngineMatrix.PORTFOLIO));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** The engine's own count of redeliveries it dropped, from its {@code /metrics}. */
    private static long duplicatesDropped(int port, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body()
                .lines()
                .filter(line -> line.startsWith("nautilus_engine_duplicates_dropped_total{"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
