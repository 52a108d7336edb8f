package dev.nautilus.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.store.StoreConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store is configured from the one typed configuration, whose environment variables SPEC §4 names. */
class StoreConfigMappingTest {

    @Test
    void noDatabaseUrlMeansTheEmbeddedStoreInTheDataDirectory() {
        StoreConfig config = Connections.storeConfig(new ConfigLoader(Map.of("NAUTILUS_DATA_DIR", "/tmp/x")).load());
        assertThat(config.usesPostgres()).isFalse();
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void databaseUrlAndCredentialsComeFromTheEnvironmentAndThePasswordIsNeverPrinted() {
        StoreConfig config = Connections.storeConfig(new ConfigLoader(Map.of(
                        "NAUTILUS_DB_URL",
                        "jdbc:postgresql://db/x",
                        "NAUTILUS_DB_USER",
                        "nautilus",
                        "NAUTILUS_DB_PASSWORD",
                        "nautilus-test-secret-value",
                        "NAUTILUS_DB_POOL_SIZE",
                        "3"))
                .load());
        assertThat(config.usesPostgres()).isTrue();
        assertThat(config.user()).isEqualTo("nautilus");
        assertThat(config.password()).isEqualTo("nautilus-test-secret-value");
        assertThat(config.poolSize()).isEqualTo(3);
        assertThat(config.toString()).doesNotContain("nautilus-test-secret-value");
    }
}
