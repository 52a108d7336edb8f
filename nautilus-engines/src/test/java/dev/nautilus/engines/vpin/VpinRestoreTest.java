package dev.nautilus.engines.vpin;

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
import org.junit.jupiter.api.Test;

/** A VPIN engine restored from its saved state continues bucket for bucket as if it had never stopped. */
class VpinRestoreTest {

    private static final long BAR = 1_000_000L;
    // small buckets and a short, evicting CDF history, so every part of the state is exercised
    private static final VpinConfig CONFIG = new VpinConfig(40, 6, BAR, 25, 5, 0.8);

    @Test
    void restoredAnywhereEndsWithTheSameBucketsWindowAndCdfHistory() {
        List<Message> messages = SyntheticTrades.messages(SyntheticTrades.trades(2_000, 16), BAR);
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            EngineContext context = new EngineContext(bus.endpoint("vpin", "t"), new SimpleMeterRegistry());
            int last = messages.size() - 1;
            VpinEngine uninterrupted = Restarts.assertRestoredAnywhereEndsTheSame(
                    () -> new VpinEngine(i -> CONFIG),
                    context,
                    messages,
                    List.of(0, 1, 777, 1_601, last),
                    VpinEngine::latestEstimates);
            assertThat(uninterrupted.latestEstimates()).containsOnlyKeys("BTCUSD", "ETHUSD");
        }
    }

    @Test
    void theEstimatesAfterARestartAreTheUninterruptedOnes() {
        List<Trade> trades = SyntheticTrades.trades(3_000, 17).stream()
                .filter(t -> t.instrument().equals("BTCUSD"))
                .toList();
        VpinCalculator never = new VpinCalculator("BTCUSD", CONFIG);
        List<VpinEstimate> expected = new ArrayList<>();
        trades.forEach(t -> expected.addAll(never.onTrade(t)));
        assertThat(expected).as("the CDF history fills and evicts").hasSizeGreaterThan(3 * CONFIG.cdfHistory());
        assertThat(expected).anyMatch(VpinEstimate::toxic).anyMatch(e -> !e.toxic());
        for (int cut : List.of(1, 500, 1_234, trades.size() - 1)) {
            VpinCalculator first = new VpinCalculator("BTCUSD", CONFIG);
            List<VpinEstimate> got = new ArrayList<>();
            trades.subList(0, cut).forEach(t -> got.addAll(first.onTrade(t)));
            VpinCalculator restored = new VpinCalculator("BTCUSD", CONFIG);
            restored.restore(Json.read(Json.write(first.state()), VpinCalculator.State.class));
            trades.subList(cut, trades.size()).forEach(t -> got.addAll(restored.onTrade(t)));
            assertThat(got).as("estimates with a restart at %d", cut).isEqualTo(expected);
        }
    }

    /** BTCUSD's state moves to an engine that handled ETHUSD (and stale BTCUSD) as its partition would. */
    @Test
    void oneInstrumentsStateMovesAloneAndReplacesWhatTheOtherEngineHeldForIt() {
        List<Message> messages = SyntheticTrades.messages(SyntheticTrades.trades(2_000, 19), BAR);
        int cut = 1_111;
        java.util.function.Predicate<String> btc = "BTCUSD"::equals;
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            EngineContext context = new EngineContext(bus.endpoint("vpin", "t"), new SimpleMeterRegistry());
            VpinEngine uninterrupted = new VpinEngine(i -> CONFIG);
            VpinEngine before = new VpinEngine(i -> CONFIG);
            VpinEngine after = new VpinEngine(i -> CONFIG);
            List.of(uninterrupted, before, after).forEach(e -> e.onStart(context));
            messages.forEach(uninterrupted::onMessage);
            messages.subList(0, cut).forEach(before::onMessage);
            // the other engine: every ETHUSD message, and a stale BTCUSD history of its own
            messages.stream().filter(m -> !btc.test(topicKey(m))).forEach(after::onMessage);
            messages.subList(0, 300).stream().filter(m -> btc.test(topicKey(m))).forEach(after::onMessage);

            after.replaceKeys(btc, java.util.Optional.of(before.saveKeys(btc)));
            messages.subList(cut, messages.size()).stream()
                    .filter(m -> btc.test(topicKey(m)))
                    .forEach(after::onMessage);

            assertThat(after.latestEstimates()).isEqualTo(uninterrupted.latestEstimates());
            assertThat(Json.read(after.saveState(), Object.class))
                    .isEqualTo(Json.read(uninterrupted.saveState(), Object.class));
            after.replaceKeys(btc, java.util.Optional.empty());
            assertThat(after.latestEstimates()).containsOnlyKeys("ETHUSD");
        }
    }

    private static String topicKey(Message message) {
        return dev.nautilus.bus.Topics.partitionKey(message.topic());
    }

    @Test
    void aStateOfAnotherWindowIsRefused() {
        VpinEngine engine = new VpinEngine(i -> CONFIG);
        List<Message> messages = SyntheticTrades.messages(SyntheticTrades.trades(300, 18), BAR);
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            engine.onStart(new EngineContext(bus.endpoint("vpin", "t"), new SimpleMeterRegistry()));
            messages.forEach(engine::onMessage);
        }
        VpinEngine wider = new VpinEngine(i -> new VpinConfig(40, 7, BAR, 25, 5, 0.8));
        assertThatThrownBy(() -> wider.restoreState(engine.saveState()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window of 6 buckets");
    }
}
