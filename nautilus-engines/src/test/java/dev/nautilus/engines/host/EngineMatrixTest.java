package dev.nautilus.engines.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.TopicPattern;
import org.junit.jupiter.api.Test;

class EngineMatrixTest {

    @Test
    void holdsTheSeedsFourteenEnginesWithTheirPorts() {
        assertThat(EngineMatrix.all()).hasSize(14);
        assertThat(EngineMatrix.all())
                .extracting(EngineWiring::defaultPort)
                .doesNotHaveDuplicates()
                .contains(8100, 8110, 8200, 8300, 8400, 8500, 8600, 8700, 8800, 8900, 8950, 9000, 10000, 10001);
        assertThat(EngineMatrix.of("risk").subscriptions())
                .containsExactly("portfolio.*", "vpin.*", "ml.prediction.*", "strategy.*");
        assertThat(EngineMatrix.of("marketdata").publications()).contains("market_data.*", "price.update.*");
    }

    @Test
    void everyPublicationOfThePipelineReachesTheEnginesThatReadIt() {
        // the strategy's signal topic must match the portfolio's subscription, and so on down the chain
        assertThat(matches("portfolio", "strategy.signal.vpin_ma_cross.BTCUSD")).isTrue();
        assertThat(matches("strategy", "vpin.calculation.BTCUSD")).isTrue();
        assertThat(matches("strategy", "market_data.bar.BTCUSD")).isTrue();
        assertThat(matches("risk", "portfolio.update.paper")).isTrue();
        assertThat(matches("collateral", "portfolio.update.paper")).isTrue();
        assertThat(matches("vpin", "market_data.trade.BTCUSD")).isTrue();
        // the quant engines: reference data and bars for Factor and Toraniko, features for ML
        assertThat(matches("factor", "market_data.instrument.SYN001")).isTrue();
        assertThat(matches("toraniko", "market_data.bar.SYN001")).isTrue();
        assertThat(matches("ml", "feature.calculation.BTCUSD")).isTrue();
        assertThat(EngineMatrix.of("ml").types()).containsExactly(MessageType.FEATURE_CALCULATION);
    }

    @Test
    void unknownEngineNamesTheKnownOnes() {
        assertThatThrownBy(() -> EngineMatrix.of("nope"))
                .hasMessageContaining("unknown engine 'nope'")
                .hasMessageContaining("risk");
    }

    private static boolean matches(String engine, String topic) {
        return EngineMatrix.of(engine).subscriptions().stream()
                .anyMatch(p -> TopicPattern.compile(p).matches(topic));
    }
}
