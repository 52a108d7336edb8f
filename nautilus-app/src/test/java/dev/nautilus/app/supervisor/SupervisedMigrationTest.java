package dev.nautilus.app.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.app.Connections;
import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.app.migration.Migration;
import dev.nautilus.app.migration.MigrationRedis;
import dev.nautilus.app.migration.RecordedLayout;
import dev.nautilus.app.migration.StepReport;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.redis.bridge.LayoutBridge;
import dev.nautilus.bus.redis.monitor.ClientConnections;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.strategy.StrategySignal;
import dev.nautilus.engines.topics.StrategyTopics;
import dev.nautilus.testkit.RedisServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration step and a rollback as an operator does them under {@code up --processes}: the
 * Portfolio engine a supervised process on {@code bus.layout: migrating}, the bridge running, a
 * strategy publishing on the main Redis. The step is started, then the engine stopped (SIGTERM);
 * the supervisor restarts it at once, and the new process waits for the step and comes up on the
 * dual bus. The rollback is the same the other way, with SIGKILL. Each input is in the engine's
 * stored state exactly once across both moves, and its connections are on one layout at a time.
 */
class SupervisedMigrationTest {

    private static final String DB_URL =
            System.getenv().getOrDefault("NAUTILUS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String DB_USER = System.getenv().getOrDefault("NAUTILUS_TEST_DB_USER", "root");
    private static final String PORTFOLIO = EngineMatrix.PORTFOLIO;
    private static final int BURST = 1_500;
    private static final Duration STEP_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void aStepAndARollbackUnderTheSupervisorMoveTheEngineWithEachInputHandledOnce() throws Exception {
        String schema = "nautilus_migrate_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFFL);
        try (RedisServer main = RedisServer.start();
                RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start()) {
            Map<Bus, String> busUrls = Map.of(Bus.MARKETDATA, marketData.url(), Bus.ENGINE_LOGIC, engineLogic.url());
            Path file = dataDir.resolve("nautilus.yaml");
            Files.writeString(
                    file,
                    String.join(
                            "\n",
                            "bus:",
                            "  layout: migrating",
                            "  main_redis_url: " + main.url(),
                            "  marketdata_url: " + marketData.url(),
                            "  engine_logic_url: " + engineLogic.url(),
                            "store:",
                            "  db_url: " + DB_URL,
                            "  db_user: " + DB_USER,
                            "  pool_size: 2",
                            "  schema: " + schema,
                            "data_dir: " + dataDir,
                            ""));
            NautilusConfig config = new ConfigLoader(Map.of()).load(file);
            ProcessDeployment.Options options = new ProcessDeployment.Options(
                            List.of(PORTFOLIO),
                            Map.of(PORTFOLIO, freePort(), Platform.API, freePort(), Platform.DASHBOARD, freePort()),
                            List.of(),
                            Duration.ofSeconds(90),
                            new RestartBackoff(
                                    Duration.ofMillis(200), Duration.ofSeconds(2), 0.2, Duration.ofMinutes(1)))
                    .withConfigFile(file);
            ChildSpec portfolio = EngineSpecs.of(config, options, PORTFOLIO);
            try (LayoutBridge bridge = new LayoutBridge(
                            RoutingTable.defaults(),
                            main.url(),
                            busUrls,
                            Migration.readers(RoutingTable.defaults()),
                            100_000);
                    MigrationRedis redis = new MigrationRedis(RoutingTable.defaults(), main.url(), busUrls);
                    MessageBus strategy = Connections.openBus(config.bus(), "strategy");
                    Supervisor supervisor = Supervisor.start(
                            List.of(portfolio),
                            ChildLauncher.ofThisJvm(dataDir.resolve("logs")),
                            options.backoff(),
                            options.healthyWithin());
                    Connection db = DriverManager.getConnection(DB_URL, DB_USER, null)) {
                Migration migration = new Migration(redis);
                assertThat(connections(main))
                        .as("on the main Redis before the step")
                        .isPositive();

                publish(strategy, 0, BURST);
                awaitHandled(db, schema, BURST / 4);
                StepReport step = moveWhileStopping(
                        migration, () -> migration.step(PORTFOLIO, STEP_WAIT), supervisor, Process::destroy);
                awaitUpAfterRestarts(supervisor, 1);
                assertThat(connections(main))
                        .as("on the main Redis after the step")
                        .isZero();
                assertThat(connections(marketData) + connections(engineLogic))
                        .as("on the buses after the step")
                        .isPositive();
                assertThat(migration.layoutOf(PORTFOLIO)).isEqualTo("dual");

                publish(strategy, BURST, BURST); // on the main Redis still: the bridge carries them over
                awaitHandled(db, schema, BURST + BURST / 4);
                StepReport rollback = moveWhileStopping(
                        migration,
                        () -> migration.rollback(PORTFOLIO, STEP_WAIT),
                        supervisor,
                        Process::destroyForcibly);
                awaitUpAfterRestarts(supervisor, 2);
                assertThat(connections(marketData) + connections(engineLogic))
                        .as("on the buses after the rollback")
                        .isZero();
                assertThat(connections(main))
                        .as("on the main Redis after the rollback")
                        .isPositive();

                publish(strategy, 2 * BURST, BURST);
                awaitHandled(db, schema, 3 * BURST);
                Thread.sleep(2_000); // what would come twice has had the time to
                assertThat(handled(db, schema))
                        .as("each input in the state exactly once, across the step and the rollback")
                        .isEqualTo(3 * BURST);
                System.out.printf("step: %s%nrollback: %s%n", step.summary(), rollback.summary());
            } finally {
                try (Connection db = DriverManager.getConnection(DB_URL, DB_USER, null);
                        Statement statement = db.createStatement()) {
                    statement.execute("drop schema if exists " + schema + " cascade");
                }
            }
        }
    }

    /**
     * Starts {@code move}, stops the engine once the record says it is moving, as an operator
     * would, and returns the move's report. The supervisor restarts the engine meanwhile.
     */
    private static StepReport moveWhileStopping(
            Migration migration,
            java.util.function.Supplier<StepReport> move,
            Supervisor supervisor,
            java.util.function.Consumer<Process> stop)
            throws Exception {
        CompletableFuture<StepReport> report = CompletableFuture.supplyAsync(move);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> report.isDone() || migration.layoutOf(PORTFOLIO).equals("moving"));
        stop.accept(supervisor.process(PORTFOLIO).orElseThrow());
        return report.get(STEP_WAIT.toSeconds() + 10, TimeUnit.SECONDS);
    }

    private static void awaitUpAfterRestarts(Supervisor supervisor, int restarts) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    ChildStatus row = supervisor.status(engine -> 0).getFirst();
                    return row.restarts() == restarts && row.health().equals("UP");
                });
    }

    private static void publish(MessageBus bus, int from, int count) {
        String strategy = PipelineSettings.defaults().strategy().name();
        for (int i = from; i < from + count; i++) {
            double price = 30_000 + 900 * Math.sin(i / 11.0) + 0.37 * i;
            BigDecimal target = BigDecimal.valueOf(((i / 7) % 5) - 2, 1);
            bus.publish(Message.builder(MessageType.STRATEGY_SIGNAL, StrategyTopics.signal(strategy, "BTCUSD"))
                    .source("strategy")
                    .payload(new StrategySignal(strategy, "BTCUSD", 60_000_000L * i, price, target, true, false, "t"))
                    .build());
        }
    }

    private static void awaitHandled(Connection db, String schema, long atLeast) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> handled(db, schema) >= atLeast);
    }

    /** Inputs in the engine's stored state. */
    private static long handled(Connection db, String schema) throws SQLException {
        try (PreparedStatement query =
                db.prepareStatement("select handled from " + schema + ".engine_state where engine = ?")) {
            query.setString(1, PORTFOLIO);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // not migrated yet
            }
            throw e;
        }
    }

    /** The engine's connections on one Redis, the one it waits on for a step not counted. */
    private static int connections(RedisServer redis) {
        return ClientConnections.countByEngine(
                        redis.redis().clientList(), name -> !RecordedLayout.ROLE.equals(ClientConnections.roleOf(name)))
                .getOrDefault(PORTFOLIO, 0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
