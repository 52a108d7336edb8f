package dev.nautilus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.engines.marketdata.ReplayReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code up} twice on the embedded default: the second run starts with the first run's history. */
class PlatformHistoryTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondRunSeesTheFirstRunsTrades() throws Exception {
        NautilusConfig config = new ConfigLoader(Map.of("NAUTILUS_DATA_DIR", dataDir.toString())).load();
        ReplayReport first;
        try (Platform platform = Platform.start(config, 0, true)) {
            assertThat(platform.history()).isZero();
            first = platform.hub().done().get(120, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> platform.recorded() == first.published());
        }
        // The real file: 100,000 rows, 18 with a zero amount refused by the reader.
        assertThat(first.published()).isEqualTo(99_982);
        assertThat(first.rejected()).isEqualTo(18);
        try (Platform again = Platform.start(config, 1, true)) {
            assertThat(again.history()).isEqualTo(99_982);
            assertThat(again.store().trades().bars(Platform.REPLAYED_SYMBOL, Duration.ofDays(1),
                    dev.nautilus.store.repository.TimeRange.all())).hasSize(7);
        }
    }
}
