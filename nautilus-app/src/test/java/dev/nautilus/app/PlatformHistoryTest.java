package dev.nautilus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.store.repository.TimeRange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code up} twice on the embedded default: the second run starts with the first run's recorded trades. */
class PlatformHistoryTest {

    @TempDir
    Path dataDir;

    private static Map<String, Integer> ephemeralPorts() {
        return EngineCatalog.PIPELINE.stream().collect(Collectors.toMap(name -> name, name -> 0));
    }

    @Test
    void aSecondRunSeesTheFirstRunsTrades() throws Exception {
        NautilusConfig config = new ConfigLoader(Map.of("NAUTILUS_DATA_DIR", dataDir.toString())).load();
        long published;
        try (Platform platform = Platform.start(config)) {
            assertThat(platform.history()).isZero();
            platform.startEngines(EngineCatalog.PIPELINE, ephemeralPorts(), "1");
            long accepted = platform.startReplay(ReplaySource.bitstamp(0), 0).get(300, TimeUnit.SECONDS);
            published = accepted;
            await().atMost(Duration.ofSeconds(120)).until(() -> platform.recorded() == published);
        }
        // The real file: 100,000 rows, 18 with a zero amount refused.
        assertThat(published).isEqualTo(99_982);
        try (Platform again = Platform.start(config)) {
            assertThat(again.history()).isEqualTo(99_982);
            assertThat(again.store()
                            .orElseThrow()
                            .trades()
                            .bars(Platform.RECORDED_SYMBOL, Duration.ofDays(1), TimeRange.all()))
                    .hasSize(7);
        }
    }
}
