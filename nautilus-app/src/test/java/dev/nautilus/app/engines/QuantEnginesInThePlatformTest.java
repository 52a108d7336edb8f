package dev.nautilus.app.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.factor.FactorExposures;
import dev.nautilus.engines.ml.MlPrediction;
import dev.nautilus.engines.toraniko.FactorReturns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform as {@code up --synthetic 8} runs it: every engine with its default parameters and the
 * synthetic universe with its reference data. Factor and Toraniko model the universe, ML forecasts
 * from its features, and the trading pipeline runs beside them without a failed message.
 */
class QuantEnginesInThePlatformTest {

    @TempDir
    Path dataDir;

    @Test
    void factorToranikoAndMlPublishFromTheReplays() throws Exception {
        NautilusConfig config = new ConfigLoader(Map.of("NAUTILUS_DATA_DIR", dataDir.toString())).load();
        List<Message> received = new CopyOnWriteArrayList<>();
        try (Platform platform = Platform.start(config)) {
            platform.bus()
                    .endpoint("listener", "listener-1")
                    .subscribe(
                            List.of("factor.*", "ml.prediction.*"),
                            Set.of(MessageType.FACTOR_CALCULATION, MessageType.ML_PREDICTION),
                            received::add);
            platform.startEngines(
                    EngineCatalog.PLATFORM,
                    EngineCatalog.PLATFORM.stream().collect(Collectors.toMap(n -> n, n -> 0)),
                    "1");
            var universe =
                    platform.startReplay(ReplaySource.syntheticReferences(8), ReplaySource.synthetic(8, 60 * 75), 0);
            assertThat(universe.get(120, TimeUnit.SECONDS)).isEqualTo(8 * 60 * 75);

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> count(received, "factor.calculation.synthetic") > 0
                            && count(received, "factor.return.toraniko.synthetic") > 0
                            && count(received, "ml.prediction.SYN000") > 10);
            platform.close();
            assertThat(platform.bus().status())
                    .allSatisfy(s -> assertThat(s.deadLettered()).isZero());
        }
        FactorExposures exposures =
                first(received, "factor.calculation.synthetic").payloadAs(FactorExposures.class);
        assertThat(exposures.exposures()).hasSize(8);
        FactorReturns returns =
                first(received, "factor.return.toraniko.synthetic").payloadAs(FactorReturns.class);
        assertThat(returns.factors()).containsExactly("market", "SECTOR_0", "SECTOR_1", "momentum", "value", "size");
        assertThat(first(received, "ml.prediction.SYN000")
                        .payloadAs(MlPrediction.class)
                        .instrument())
                .isEqualTo("SYN000");
    }

    private static long count(List<Message> messages, String topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).count();
    }

    private static Message first(List<Message> messages, String topic) {
        return messages.stream()
                .filter(m -> m.topic().equals(topic))
                .findFirst()
                .orElseThrow();
    }
}
