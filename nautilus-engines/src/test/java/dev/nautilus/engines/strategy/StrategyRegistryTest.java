package dev.nautilus.engines.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.engines.strategy.spi.StrategyInput;
import dev.nautilus.engines.strategy.spi.StrategyParameters;
import dev.nautilus.engines.strategy.spi.StrategyProvider;
import dev.nautilus.engines.strategy.spi.StrategyRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-ins are found by ServiceLoader like any user's strategy; names, parameters and errors read as users see them. */
class StrategyRegistryTest {

    @TempDir
    Path dir;

    @Test
    void theBuiltInsAreServiceLoaderProviders() {
        StrategyRegistry registry = StrategyRegistry.classPath();
        assertThat(registry.names()).containsExactly("ma_cross", "ml_direction", "rsi_mean_reversion", "vpin_ma_cross");
        for (StrategyProvider provider : registry.providers().values()) {
            assertThat(provider.create(StrategyParameters.of(provider, Map.of()))
                            .name())
                    .isEqualTo(provider.name());
        }
        assertThat(registry.find("ml_direction")
                        .create(StrategyParameters.of(registry.find("ml_direction"), Map.of()))
                        .inputs())
                .containsExactly(StrategyInput.ML_PREDICTION);
        // an empty strategy directory adds nothing and loses nothing
        assertThat(StrategyRegistry.withPath(dir).names()).isEqualTo(registry.names());
    }

    @Test
    void unknownNamesParametersAndValuesAreRefusedWithWhatIsKnown() {
        StrategyRegistry registry = StrategyRegistry.classPath();
        assertThatThrownBy(() -> registry.find("golden_goose"))
                .hasMessageContaining("unknown strategy 'golden_goose'")
                .hasMessageContaining("ma_cross, ml_direction, rsi_mean_reversion, vpin_ma_cross");
        StrategyProvider rsi = registry.find("rsi_mean_reversion");
        assertThatThrownBy(() -> StrategyParameters.of(rsi, Map.of("fast", "5")))
                .hasMessageContaining("unknown parameter(s) [fast]")
                .hasMessageContaining("exit, overbought, oversold, period, quantity, short");
        StrategyParameters bad = StrategyParameters.of(rsi, Map.of("period", "ten"));
        assertThatThrownBy(() -> rsi.create(bad)).hasMessageContaining("period must be an integer, was 'ten'");
        StrategyProvider ma = registry.find("vpin_ma_cross");
        assertThatThrownBy(() -> ma.create(StrategyParameters.of(ma, Map.of("fast", "30", "slow", "10"))))
                .hasMessageContaining("fast=30 slow=10");
        assertThatThrownBy(() -> StrategyRegistry.withPath(dir.resolve("absent")))
                .hasMessageContaining("does not exist");
    }
}
