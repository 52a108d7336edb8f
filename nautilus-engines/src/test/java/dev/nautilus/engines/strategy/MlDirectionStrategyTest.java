package dev.nautilus.engines.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.ml.MlPrediction;
import dev.nautilus.engines.strategy.spi.BarInputs;
import dev.nautilus.engines.strategy.spi.Decision;
import dev.nautilus.engines.vpin.VpinStatus;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ML-driven strategy, by hand: thresholds with a band of no change between them, flat before the first forecast. */
class MlDirectionStrategyTest {

    @Test
    void longAboveShortBelowAndHoldBetween() {
        MlDirectionStrategy s = new MlDirectionStrategy(0.6, 0.4, BigDecimal.ONE, true);
        assertThat(s.onBar(inputs(1, null))).isEmpty(); // warm-up: no forecast, stays flat
        assertThat(s.onBar(inputs(2, 0.5))).isEmpty(); // in the band: keep flat
        assertThat(target(s.onBar(inputs(3, 0.61)))).isEqualTo("1");
        assertThat(s.onBar(inputs(4, 0.7))).isEmpty(); // still long: no change
        assertThat(s.onBar(inputs(5, 0.45))).isEmpty(); // in the band: keep long
        Optional<Decision> down = s.onBar(inputs(6, 0.39));
        assertThat(target(down)).isEqualTo("-1");
        assertThat(down.orElseThrow().reason()).isEqualTo("P(up)=0.3900 < 0.4");
        assertThat(s.onBar(inputs(7, 0.4))).isEmpty(); // not below: keep short
    }

    @Test
    void withoutShortsBelowTheLowerThresholdIsFlat() {
        MlDirectionStrategy s = new MlDirectionStrategy(0.55, 0.45, new BigDecimal("2"), false);
        assertThat(target(s.onBar(inputs(1, 0.9)))).isEqualTo("2");
        assertThat(target(s.onBar(inputs(2, 0.1)))).isEqualTo("0");
        assertThat(s.onBar(inputs(3, 0.2))).isEmpty();
        assertThatThrownBy(() -> new MlDirectionStrategy(0.4, 0.6, BigDecimal.ONE, true))
                .hasMessageContaining("shortBelow <= longAbove");
    }

    private static String target(Optional<Decision> d) {
        return d.orElseThrow().target().toPlainString();
    }

    static BarInputs inputs(long end, Double probabilityUp) {
        Bar bar = new Bar("A", end - 1, end, 100, 100, 100, 100, 1, 100, 1);
        MlPrediction forecast = probabilityUp == null
                ? null
                : new MlPrediction(
                        "A",
                        end,
                        probabilityUp,
                        probabilityUp > 0.5 ? "UP" : "DOWN",
                        0.5,
                        0,
                        null,
                        null,
                        null,
                        null,
                        0);
        return new BarInputs(bar, new VpinStatus("A", end, null, null, false, 0), forecast);
    }
}
