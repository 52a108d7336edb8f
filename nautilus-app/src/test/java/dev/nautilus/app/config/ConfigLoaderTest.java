package dev.nautilus.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.redis.RedisTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsRunTheEmbeddedPlatform() {
        NautilusConfig config = new ConfigLoader(Map.of()).load();
        assertThat(config.bus().onRedis()).isFalse();
        assertThat(config.bus().mainRedisUrl()).isEmpty();
        assertThat(config.bus().bufferSize()).isEqualTo(3000);
        assertThat(config.bus().bufferInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(config.bus().streamMaxLen()).isEqualTo(100_000);
        assertThat(config.store().jdbcUrl()).isEmpty();
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.port(8800)).isEqualTo(8800);
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Path file = dir.resolve("nautilus.yaml");
        Files.writeString(file, """
                bus:
                  marketdata_url: redis://localhost:6380
                  engine_logic_url: redis://localhost:6381
                  buffer_size: 500
                port_offset: 100
                """);
        NautilusConfig config = new ConfigLoader(Map.of(
                        "NAUTILUS_ENGINE_LOGIC_BUS_URL", "rediss://bus:nautilus-test-secret-bus@logic.example:7000/2",
                        "NAUTILUS_PORT_OFFSET", "1000"))
                .load(file);
        assertThat(config.bus().onRedis()).isTrue();
        assertThat(config.bus().marketDataUrl().orElseThrow().hostAndPort()).isEqualTo("localhost:6380");
        assertThat(config.bus().engineLogicUrl().orElseThrow().toString())
                .isEqualTo("rediss://bus:***@logic.example:7000/2");
        assertThat(config.bus().engineLogicUrl().orElseThrow().value()).contains("nautilus-test-secret-bus");
        assertThat(config.bus().bufferSize()).isEqualTo(500);
        assertThat(config.port(8800)).isEqualTo(9800);
        assertThat(config.port(0)).isZero();
    }

    @Test
    void badValuesNameTheKeyAndItsVariable() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("NAUTILUS_BUFFER_SIZE", "lots")).load())
                .isInstanceOf(ConfigException.class)
                .hasMessage("bus.buffer_size (NAUTILUS_BUFFER_SIZE) must be a whole number, was 'lots'");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("NAUTILUS_PORT_OFFSET", "-1")).load())
                .hasMessageContaining("port_offset (NAUTILUS_PORT_OFFSET) must be within 0..50000");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(
                                "NAUTILUS_MARKETDATA_BUS_URL",
                                "http://x:1",
                                "NAUTILUS_ENGINE_LOGIC_BUS_URL",
                                "redis://y:2"))
                        .load())
                .hasMessageContaining("bus.marketdata_url (NAUTILUS_MARKETDATA_BUS_URL) must start with redis://");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("NAUTILUS_DB_URL", "postgres://x")).load())
                .hasMessageContaining("store.db_url (NAUTILUS_DB_URL) must be a PostgreSQL JDBC URL");
    }

    @Test
    void oneBusOnRedisAndTheOtherInMemoryIsRefused() {
        assertThatThrownBy(
                        () -> new ConfigLoader(Map.of("NAUTILUS_MARKETDATA_BUS_URL", "redis://localhost:6380")).load())
                .hasMessageContaining(
                        "NAUTILUS_MARKETDATA_BUS_URL) is set but bus.engine_logic_url (NAUTILUS_ENGINE_LOGIC_BUS_URL) is not");
    }

    @Test
    void unknownFileKeysAreRefusedSoTyposShowUp() throws Exception {
        Path file = dir.resolve("nautilus.yaml");
        Files.writeString(file, "bus:\n  bufer_size: 10\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .hasMessageContaining("unknown key(s) [bus.bufer_size]");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir.resolve("missing.yaml")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void passwordsNeverShowInText() {
        NautilusConfig config = new ConfigLoader(Map.of(
                        "NAUTILUS_DB_URL",
                        "jdbc:postgresql://127.0.0.1:5432/test",
                        "NAUTILUS_DB_PASSWORD",
                        "nautilus-test-secret-db"))
                .load();
        assertThat(config.toString()).doesNotContain("nautilus-test-secret-db").contains("password=***");
    }

    @Test
    void busTlsStoresAreOpenedAtLoadAndTheirPasswordsNeverPrinted() throws Exception {
        Path keyStore = TestKeyStores.keyStore(dir);
        Path trustStore = TestKeyStores.trustStore(dir, keyStore);
        Map<String, String> environment = Map.of(
                "NAUTILUS_BUS_TLS_KEYSTORE",
                keyStore.toString(),
                "NAUTILUS_BUS_TLS_KEYSTORE_PASSWORD",
                TestKeyStores.PASSWORD,
                "NAUTILUS_BUS_TLS_TRUSTSTORE",
                trustStore.toString(),
                "NAUTILUS_BUS_TLS_TRUSTSTORE_PASSWORD",
                TestKeyStores.PASSWORD);
        NautilusConfig config = new ConfigLoader(environment).load();
        RedisTls tls = config.bus().tls();
        assertThat(tls.keyStore().orElseThrow().path()).isEqualTo(keyStore);
        assertThat(tls.keyStore().orElseThrow().type()).isEqualTo("PKCS12");
        assertThat(tls.trustStore().orElseThrow().path()).isEqualTo(trustStore);
        assertThat(tls.keyManagers()).isNotNull();
        assertThat(config.bus().toString()).doesNotContain(TestKeyStores.PASSWORD);
        assertThat(new ConfigLoader(environment).resolve(null).toString())
                .contains("bus.tls_keystore_password, value=***")
                .contains("bus.tls_truststore_password, value=***")
                .doesNotContain(TestKeyStores.PASSWORD);
        assertThat(new ConfigLoader(Map.of()).load().bus().tls()).isEqualTo(RedisTls.NONE);
    }

    @Test
    void aBusTlsStoreThatCannotBeOpenedNamesItsKeyNotThePassword() throws Exception {
        Path keyStore = TestKeyStores.keyStore(dir);
        assertThatThrownBy(() -> new ConfigLoader(Map.of(
                                "NAUTILUS_BUS_TLS_KEYSTORE",
                                keyStore.toString(),
                                "NAUTILUS_BUS_TLS_KEYSTORE_PASSWORD",
                                "wrong-nautilus-test-secret"))
                        .load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bus.tls_keystore (NAUTILUS_BUS_TLS_KEYSTORE): " + keyStore)
                .hasMessageContaining("bus.tls_keystore_password (NAUTILUS_BUS_TLS_KEYSTORE_PASSWORD)")
                .hasMessageNotContaining("nautilus-test-secret");
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("NAUTILUS_BUS_TLS_TRUSTSTORE", missing.toString())).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "bus.tls_truststore (NAUTILUS_BUS_TLS_TRUSTSTORE): " + missing + " does not exist");
        assertThatThrownBy(() ->
                        new ConfigLoader(Map.of("NAUTILUS_BUS_TLS_TRUSTSTORE_PASSWORD", TestKeyStores.PASSWORD)).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bus.tls_truststore_password (NAUTILUS_BUS_TLS_TRUSTSTORE_PASSWORD) is set but"
                        + " bus.tls_truststore (NAUTILUS_BUS_TLS_TRUSTSTORE) is not")
                .hasMessageNotContaining(TestKeyStores.PASSWORD);
    }

    @Test
    void packedTypesAreAListInTheFileOrCommaSeparatedInTheVariable() throws Exception {
        assertThat(new ConfigLoader(Map.of()).load().bus().packedTypes()).isEmpty();
        Path file = dir.resolve("packed.yaml");
        Files.writeString(file, """
                bus:
                  packed_types: [price_update, MARKET_DATA]
                """);
        assertThat(new ConfigLoader(Map.of()).load(file).bus().packedTypes())
                .containsExactlyInAnyOrder(
                        dev.nautilus.bus.MessageType.PRICE_UPDATE, dev.nautilus.bus.MessageType.MARKET_DATA);
        assertThat(new ConfigLoader(Map.of("NAUTILUS_PACKED_TYPES", "trade_execution, "))
                        .load(file)
                        .bus()
                        .packedTypes())
                .containsExactly(dev.nautilus.bus.MessageType.TRADE_EXECUTION);
        assertThatThrownBy(() -> new ConfigLoader(Map.of("NAUTILUS_PACKED_TYPES", "prices")).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bus.packed_types (NAUTILUS_PACKED_TYPES) must list message types")
                .hasMessageContaining("prices");
    }
}
