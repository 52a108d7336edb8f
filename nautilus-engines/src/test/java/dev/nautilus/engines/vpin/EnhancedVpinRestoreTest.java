package dev.nautilus.engines.vpin;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/** An enhanced VPIN engine restored from its saved state continues as if it had never stopped. */
class EnhancedVpinRestoreTest {

    private static final long BAR = 1_000_000L;
    // 30-second periods so the adaptive size moves several times; a short, evicting history
    private static final EnhancedVpinConfig CONFIG =
            new EnhancedVpinConfig(40, 6, BAR, 30_000_000L, 10, 0.3, 25, 5, new RegimeThresholds(0.7, 0.6, 0.9, 0.8));

    @Test
    void restoredAnywhereEndsWithTheSameBucketsSizesAndRegimes() {
        List<Message> messages = SyntheticTrades.messages(SyntheticTrades.trades(2_000, 36), BAR);
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            EngineContext context = new EngineContext(bus.endpoint("enhanced_vpin", "t"), new SimpleMeterRegistry());
            EnhancedVpinEngine uninterrupted = Restarts.assertRestoredAnywhereEndsTheSame(
                    () -> new EnhancedVpinEngine(i -> CONFIG),
                    context,
                    messages,
                    List.of(0, 1, 913, 1_777, messages.size() - 1),
                    EnhancedVpinEngine::regimes);
            assertThat(uninterrupted.regimes()).containsOnlyKeys("BTCUSD", "ETHUSD");
        }
    }

    @Test
    void theEstimatesAfterARestartAreTheUninterruptedOnes() {
        List<Trade> trades = SyntheticTrades.trades(3_000, 37).stream()
                .filter(t -> t.instrument().equals("BTCUSD"))
                .toList();
        EnhancedVpinCalculator never = new EnhancedVpinCalculator("BTCUSD", CONFIG);
        List<EnhancedVpinEstimate> expected = new ArrayList<>();
        trades.forEach(t -> expected.addAll(never.onTrade(t)));
        assertThat(expected).as("the history fills and evicts").hasSizeGreaterThan(2 * CONFIG.cdfHistory());
        assertThat(expected).as("the regime moves").anyMatch(EnhancedVpinEstimate::regimeChanged);
        assertThat(expected.stream().map(EnhancedVpinEstimate::bucketVolume).distinct())
                .as("the bucket size adapts")
                .hasSizeGreaterThan(2);
        for (int cut : List.of(1, 600, 1_234, trades.size() - 1)) {
            EnhancedVpinCalculator first = new EnhancedVpinCalculator("BTCUSD", CONFIG);
            List<EnhancedVpinEstimate> got = new ArrayList<>();
            trades.subList(0, cut).forEach(t -> got.addAll(first.onTrade(t)));
            EnhancedVpinCalculator restored = new EnhancedVpinCalculator("BTCUSD", CONFIG);
            restored.restore(Json.read(Json.write(first.state()), EnhancedVpinCalculator.State.class));
            trades.subList(cut, trades.size()).forEach(t -> got.addAll(restored.onTrade(t)));
            assertThat(got).as("estimates with a restart at %d", cut).isEqualTo(expected);
        }
    }
}
