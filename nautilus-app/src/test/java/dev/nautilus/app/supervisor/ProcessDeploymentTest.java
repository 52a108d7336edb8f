package dev.nautilus.app.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.bus.redis.monitor.ClientConnections;
import dev.nautilus.engines.host.EngineMatrix;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up --processes} as a newcomer runs it, on free ports: the two bus Redis servers it starts
 * itself, fourteen engine JVMs and the API's, each healthy and holding its named connections on the
 * buses and none on the main Redis; an engine killed with SIGKILL comes back healthy.
 */
class ProcessDeploymentTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed start keeps the children's logs
    static Path dataDir;

    private static ProcessDeployment deployment;
    private static NautilusConfig config;
    private static int[] busPorts;

    @BeforeAll
    static void start() throws Exception {
        // no store: a PostgreSQL at the default address would otherwise be picked up (StoreChoiceTest)
        config = new ConfigLoader(Map.of("NAUTILUS_DATA_DIR", dataDir.toString(), "NAUTILUS_DB_DEFAULT_URL", "none"))
                .load();
        Map<String, Integer> ports = new HashMap<>();
        for (String name : EngineCatalog.PLATFORM) {
            ports.put(name, freePort());
        }
        ports.put(Platform.API, freePort());
        ports.put(Platform.DASHBOARD, freePort());
        busPorts = new int[] {freePort(), freePort()};
        ProcessDeployment.Options options = new ProcessDeployment.Options(
                EngineCatalog.PLATFORM,
                ports,
                List.of("--speed", "0", "--limit", "2000"),
                Duration.ofMinutes(4),
                new RestartBackoff(Duration.ofMillis(200), Duration.ofSeconds(2), 0.2, Duration.ofMinutes(1)));
        deployment =
                ProcessDeployment.start(config, options, ChildLauncher.ofThisJvm(dataDir.resolve("logs")), busPorts);
    }

    @AfterAll
    static void stop() {
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void everyEngineRunsAsItsOwnHealthyProcessWithItsNamedConnectionsOnTheBuses() {
        List<ChildStatus> rows = deployment.status();
        assertThat(rows).hasSize(EngineCatalog.PLATFORM.size() + 1);
        assertThat(rows)
                .allSatisfy(row -> assertThat(row.health()).as(row.name()).isEqualTo("UP"));
        assertThat(rows.stream().map(ChildStatus::pid).distinct()).hasSize(rows.size());
        Map<String, Integer> marketData = connections(busPorts[0]);
        Map<String, Integer> engineLogic = connections(busPorts[1]);
        for (String engine : EngineCatalog.PLATFORM) {
            int both = marketData.getOrDefault(engine, 0) + engineLogic.getOrDefault(engine, 0);
            assertThat(both)
                    .as(engine + " connections on the buses: " + marketData + " " + engineLogic)
                    .isPositive();
        }
        assertThat(connections(6379).keySet())
                .as("engine connections on the main Redis")
                .doesNotContainAnyElementsOf(EngineCatalog.PLATFORM);
    }

    @Test
    void anEngineKilledWithSigkillIsRestartedAndHealthyWithinTenSeconds() {
        Process risk = deployment.supervisor().process(EngineMatrix.RISK).orElseThrow();
        long before = risk.pid();
        risk.destroyForcibly(); // SIGKILL: no shutdown hook runs
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    ChildStatus row = row(EngineMatrix.RISK);
                    return row.pid() != before && row.pid() > 0 && row.health().equals("UP") && row.restarts() == 1;
                });
        assertThat(connections(busPorts[1]).getOrDefault(EngineMatrix.RISK, 0)).isPositive();
    }

    private static ChildStatus row(String name) {
        return deployment.status().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Integer> connections(int port) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return ClientConnections.countByEngine(connection.sync().clientList());
        } finally {
            client.shutdown();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
