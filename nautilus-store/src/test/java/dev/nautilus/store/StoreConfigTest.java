package dev.nautilus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

final class StoreConfigTest {

    @Test
    void noUrlMeansTheEmbeddedStore() {
        StoreConfig config = StoreConfig.embedded(Path.of("/tmp/x"));
        assertThat(config.usesPostgres()).isFalse();
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void thePasswordIsNeverPrinted() {
        StoreConfig config = StoreConfig.postgres("jdbc:postgresql://db/x", "nautilus", "nautilus-test-secret-value");
        assertThat(config.usesPostgres()).isTrue();
        assertThat(config.password()).isEqualTo("nautilus-test-secret-value");
        assertThat(config.toString())
                .doesNotContain("nautilus-test-secret-value")
                .contains("password=****");
        assertThat(config.poolSize())
                .isEqualTo(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void refusesBadValuesNamingTheField() {
        StoreConfig config = StoreConfig.embedded(Path.of("d"));
        assertThatThrownBy(() -> config.withSchema("x; drop")).hasMessageStartingWith("schema");
        assertThatThrownBy(() -> config.withPoolSize(0)).hasMessageStartingWith("poolSize");
        assertThatThrownBy(() -> config.withBatchSize(0)).hasMessageStartingWith("batchSize");
        assertThatThrownBy(() -> config.withQueueCapacity(0)).hasMessageStartingWith("queueCapacity");
    }

    @Test
    void storesOpenPicksTheDatabaseFromTheConfig() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("nautilus-open-test");
        try (Store store = Stores.open(StoreConfig.embedded(dir))) {
            assertThat(store.kind()).isEqualTo(StoreKind.DUCKDB);
        }
        String schema = TestDatabase.newSchema();
        try (Store store = Stores.open(TestDatabase.postgres(schema))) {
            assertThat(store.kind()).isEqualTo(StoreKind.POSTGRESQL);
        } finally {
            TestDatabase.dropSchema(schema);
        }
    }
}
