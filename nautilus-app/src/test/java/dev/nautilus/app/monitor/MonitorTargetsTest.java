package dev.nautilus.app.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.app.config.BusSettings;
import dev.nautilus.app.config.ConfigException;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.TestKeyStores;
import dev.nautilus.bus.redis.monitor.MonitorTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorTargetsTest {

    @TempDir
    Path dir;

    private static BusSettings settings(Map<String, String> environment) {
        return new ConfigLoader(environment).load().bus();
    }

    @Test
    void inMemoryBusesLeaveNothingToWatch() {
        assertThat(MonitorTargets.resolve(
                        settings(Map.of()), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                .isEmpty();
        assertThat(MonitorTargets.NOTHING_TO_WATCH)
                .contains(
                        "NAUTILUS_MARKETDATA_BUS_URL",
                        "NAUTILUS_ENGINE_LOGIC_BUS_URL",
                        "NAUTILUS_MAIN_REDIS_URL",
                        "--marketdata URL");
    }

    @Test
    void configuredRedisServersAreWatchedInBusOrderAndOptionsReplaceThem() {
        BusSettings configured = settings(Map.of(
                "NAUTILUS_MARKETDATA_BUS_URL", "redis://md:6380",
                "NAUTILUS_ENGINE_LOGIC_BUS_URL", "redis://el:6381",
                "NAUTILUS_MAIN_REDIS_URL", "redis://:secret@main:6379",
                "NAUTILUS_STREAM_PREFIX", "desk1"));

        List<MonitorTarget> targets = MonitorTargets.resolve(
                configured, Optional.empty(), Optional.of("redis://other:7000"), Optional.empty(), Optional.empty());

        assertThat(targets)
                .extracting(MonitorTarget::name)
                .containsExactly("MarketData bus", "Engine Logic bus", "main Redis");
        assertThat(targets).extracting(MonitorTarget::busKey).containsExactly("marketdata", "engine_logic", "main");
        assertThat(targets.get(1).redisUrl()).isEqualTo("redis://other:7000");
        assertThat(targets.get(2).redisUrl()).isEqualTo("redis://:secret@main:6379"); // Lettuce needs the password
        assertThat(targets.get(2).displayUrl()).doesNotContain("secret");
        assertThat(targets).allSatisfy(t -> assertThat(t.streamPrefix()).isEqualTo("desk1"));
        assertThat(targets.get(0).connectionName()).isEqualTo("nautilus:monitor:marketdata:monitor");
        assertThat(targets.get(2).connectionName()).isEqualTo("nautilus:monitor:main:monitor");
    }

    @Test
    void aMainRedisAloneIsWatchedEvenWithInMemoryBuses() {
        List<MonitorTarget> targets = MonitorTargets.resolve(
                settings(Map.of()),
                Optional.empty(),
                Optional.empty(),
                Optional.of("redis://localhost:6379"),
                Optional.of("nautilus"));

        assertThat(targets).extracting(MonitorTarget::name).containsExactly("main Redis");
    }

    @Test
    void badOptionsAreConfigurationErrorsNamingTheOption() {
        assertThatThrownBy(() -> MonitorTargets.resolve(
                        settings(Map.of()),
                        Optional.of("localhost:6380"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--marketdata");
        assertThatThrownBy(() -> MonitorTargets.resolve(
                        settings(Map.of()),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("has space")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--prefix");
    }

    @Test
    void everyTargetConnectsWithTheBusTlsStores() throws Exception {
        Path keyStore = TestKeyStores.keyStore(dir);
        BusSettings configured = settings(Map.of(
                "NAUTILUS_MARKETDATA_BUS_URL", "rediss://md:6380",
                "NAUTILUS_ENGINE_LOGIC_BUS_URL", "rediss://el:6381",
                "NAUTILUS_MAIN_REDIS_URL", "rediss://main:6379",
                "NAUTILUS_BUS_TLS_KEYSTORE", keyStore.toString(),
                "NAUTILUS_BUS_TLS_KEYSTORE_PASSWORD", TestKeyStores.PASSWORD));

        List<MonitorTarget> targets = MonitorTargets.resolve(
                configured, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(targets)
                .hasSize(3)
                .allSatisfy(target -> assertThat(target.tls())
                        .isEqualTo(configured.tls())
                        .extracting(tls -> tls.keyStore().orElseThrow().path())
                        .isEqualTo(keyStore));
    }
}
