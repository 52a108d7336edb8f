package dev.nautilus.app.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.app.Connections;
import dev.nautilus.app.config.BusSettings;
import dev.nautilus.app.config.ConfigException;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.redis.monitor.ClientConnections;
import dev.nautilus.testkit.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code bus.layout}: both buses on the main Redis (the seeds' before-state), or as the migration recorded. */
class BusLayoutOnRedisTest {

    @Test
    void theSingleLayoutPutsBothBusesStreamsOnTheMainRedisUnderTheirOwnKeys() {
        try (RedisServer main = RedisServer.start()) {
            BusSettings settings = new ConfigLoader(
                            Map.of("NAUTILUS_BUS_LAYOUT", "single", "NAUTILUS_MAIN_REDIS_URL", main.url()))
                    .load()
                    .bus();
            assertThat(settings.onRedis()).isTrue();
            try (MessageBus bus = Connections.openBus(settings, "risk")) {
                var risk = bus.endpoint("risk", "risk-1");
                risk.publish(MessageType.RISK_METRIC, "risk.metric.var", Map.of("var", 1));
                risk.publish(MessageType.PRICE_UPDATE, "market_data.price.BTCUSD", Map.of("price", 2));
                Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> main.redis().xlen("nautilus:engine_logic:risk_metric") == 1
                                && main.redis().xlen("nautilus:marketdata:price_update") == 1);
                assertThat(ClientConnections.countByEngine(main.redis().clientList()))
                        .containsKey("risk");
            }
        }
    }

    @Test
    void theSingleLayoutNeedsTheMainRedis() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("NAUTILUS_BUS_LAYOUT", "single")).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("main_redis_url");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("NAUTILUS_BUS_LAYOUT", "both")).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected dual, single or migrating");
    }

    @Test
    void theMigratingLayoutStartsAnEngineWhereTheRecordSaysAndTheCommandsReadTheSameRecord() throws Exception {
        try (RedisServer main = RedisServer.start();
                RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start()) {
            Map<String, String> environment = Map.of(
                    "NAUTILUS_BUS_LAYOUT", "migrating",
                    "NAUTILUS_MAIN_REDIS_URL", main.url(),
                    "NAUTILUS_MARKETDATA_BUS_URL", marketData.url(),
                    "NAUTILUS_ENGINE_LOGIC_BUS_URL", engineLogic.url());
            BusSettings settings = new ConfigLoader(environment).load().bus();
            try (MessageBus bus = Connections.openBus(settings, "risk")) {
                assertThat(ClientConnections.countByEngine(main.redis().clientList()))
                        .containsKey("risk");
            }
            engineLogic.redis().hset("nautilus:migration", "engine:risk", "dual");
            try (MessageBus bus = Connections.openBus(settings, "risk")) {
                assertThat(ClientConnections.countByEngine(main.redis().clientList()))
                        .doesNotContainKey("risk");
                assertThat(ClientConnections.countByEngine(engineLogic.redis().clientList()))
                        .containsKey("risk");
            }

            String plan = run(environment, "migrate", "plan");
            assertThat(plan.lines()
                            .filter(l -> l.matches("\\d+ .*"))
                            .reduce((a, b) -> b)
                            .orElseThrow())
                    .contains("marketdata");
            try (MigrationRedis redis = new MigrationRedis(
                    RoutingTable.defaults(),
                    main.url(),
                    Map.of(Bus.MARKETDATA, marketData.url(), Bus.ENGINE_LOGIC, engineLogic.url()))) {
                assertThat(new Migration(redis).layoutOf("risk")).isEqualTo("dual");
            }
            String status = run(environment, "migrate", "status");
            assertThat(status).contains("main").contains("marketdata").contains("engine_logic");
            assertThat(status).contains("risk=dual");
        }
    }

    private static String run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = dev.nautilus.app.cli.NautilusCommand.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }
}
