package dev.nautilus.engines.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.Json;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.Restarts;
import dev.nautilus.engines.marketdata.SyntheticTrades;
import dev.nautilus.engines.marketdata.Trade;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Features engine restored from its saved state continues value for value as if it had never stopped. */
class FeaturesRestoreTest {

    private static final long BAR = 1_000_000L;
    // windows short enough to fill, wrap (and recompute) and expire many times over the feed
    private static final FeatureConfig CONFIG = new FeatureConfig(7, 5, 6, 4, 2_000_000L, 3_000_000L);

    @Test
    void restoredAnywhereEndsWithTheSameWindowsAndAverages() {
        List<Message> messages = SyntheticTrades.messages(SyntheticTrades.trades(1_500, 26), BAR);
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            EngineContext context = new EngineContext(bus.endpoint("features", "t"), new SimpleMeterRegistry());
            FeaturesEngine uninterrupted = Restarts.assertRestoredAnywhereEndsTheSame(
                    () -> new FeaturesEngine(CONFIG),
                    context,
                    messages,
                    List.of(0, 1, 2, 3, 641, 1_202, messages.size() - 1),
                    FeaturesEngine::latestSnapshots);
            assertThat(uninterrupted.latestSnapshots()).containsOnlyKeys("BTCUSD", "ETHUSD");
        }
    }

    @Test
    void theSnapshotsAfterARestartAreTheUninterruptedOnes() {
        List<Trade> trades = SyntheticTrades.trades(1_500, 27);
        FeatureCalculator never = new FeatureCalculator(CONFIG);
        List<FeatureSnapshot> expected = new ArrayList<>();
        trades.forEach(t -> expected.add(never.onTrade(t)));
        assertThat(expected.getLast().volatility())
                .as("the windows are full at the end")
                .isPositive();
        for (int cut : List.of(1, 2, 9, 733, trades.size() - 1)) {
            FeatureCalculator first = new FeatureCalculator(CONFIG);
            List<FeatureSnapshot> got = new ArrayList<>();
            trades.subList(0, cut).forEach(t -> got.add(first.onTrade(t)));
            FeatureCalculator restored = new FeatureCalculator(CONFIG);
            FeaturesEngine.State text = Json.read(
                    Json.write(new FeaturesEngine.State(first.state(), Map.of())), FeaturesEngine.State.class);
            restored.restore(text.features());
            trades.subList(cut, trades.size()).forEach(t -> got.add(restored.onTrade(t)));
            assertThat(got).as("snapshots with a restart at %d", cut).isEqualTo(expected);
        }
    }

    @Test
    void aStateOfOtherWindowsIsRefused() {
        FeatureCalculator calculator = new FeatureCalculator(CONFIG);
        SyntheticTrades.trades(50, 28).forEach(calculator::onTrade);
        FeatureCalculator other = new FeatureCalculator(new FeatureConfig(8, 5, 6, 4, 2_000_000L, 3_000_000L));
        assertThatThrownBy(() -> other.restore(calculator.state()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window of 7");
    }
}
