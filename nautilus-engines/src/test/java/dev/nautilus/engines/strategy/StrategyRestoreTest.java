package dev.nautilus.engines.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.Restarts;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.SyntheticTrades;
import dev.nautilus.engines.strategy.spi.BarInputs;
import dev.nautilus.engines.strategy.spi.Decision;
import dev.nautilus.engines.strategy.spi.TradingStrategy;
import dev.nautilus.engines.topics.VpinTopics;
import dev.nautilus.engines.vpin.VpinStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Strategy engine restored from its saved state continues decision for decision as if it had never stopped. */
class StrategyRestoreTest {

    private static final long BAR = 1_000_000L;
    private static final BigDecimal QUANTITY = new BigDecimal("1.5");

    private static StrategyEngine strategy() {
        return new StrategyEngine(
                new MovingAverageCrossStrategy(3, 8, QUANTITY, true),
                new RsiMeanReversionStrategy(5, 30, 70, 50, QUANTITY, true));
    }

    /**
     * The synthetic feed's bars, each with its VPIN status (toxic in stretches); a status sometimes
     * arrives a few bars late, so the join holds waiting inputs at some cuts.
     */
    private static List<Message> barsAndStatuses() {
        List<Message> out = new ArrayList<>();
        List<Message> late = new ArrayList<>();
        int n = 0;
        for (Message m : SyntheticTrades.messages(SyntheticTrades.trades(1_500, 46), BAR)) {
            if (!m.topic().startsWith("market_data.bar.")) {
                continue;
            }
            Bar bar = m.payloadAs(Bar.class);
            boolean toxic = (n / 17) % 3 == 0;
            Message status = Message.builder(MessageType.VPIN_CALCULATION, VpinTopics.calculation(bar.instrument()))
                    .source("vpin")
                    .payload(new VpinStatus(bar.instrument(), bar.endMicros(), 0.3, toxic ? 0.95 : 0.5, toxic, n))
                    .build();
            out.add(m);
            late.add(status);
            if (n++ % 5 != 0) {
                out.addAll(late);
                late.clear();
            }
        }
        out.addAll(late);
        return out;
    }

    @Test
    void restoredAnywhereEndsWithTheSameIndicatorsTargetsAndWaitingInputs() {
        List<Message> messages = barsAndStatuses();
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            EngineContext context = new EngineContext(bus.endpoint("strategy", "t"), new SimpleMeterRegistry());
            StrategyEngine uninterrupted = Restarts.assertRestoredAnywhereEndsTheSame(
                    StrategyRestoreTest::strategy,
                    context,
                    messages,
                    List.of(0, 1, 101, 333, messages.size() - 1),
                    StrategyEngine::tradedTargets);
            assertThat(uninterrupted.tradedTargets()).containsOnlyKeys("BTCUSD", "ETHUSD");
            assertThat(uninterrupted.saveState()).contains("-1.5"); // it went short at some point
        }
    }

    @Test
    void aPlugInWithoutTheHookSaysItKeepsNoStateAndStartsFresh() {
        TradingStrategy stateless = new TradingStrategy() {
            @Override
            public String name() {
                return "stateless";
            }

            @Override
            public Optional<Decision> onBar(BarInputs inputs) {
                return Optional.empty();
            }
        };
        assertThat(stateless.saveState()).isEmpty();
        assertThatThrownBy(() -> stateless.restoreState("{}"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("stateless keeps no state");
        StrategyEngine engine = new StrategyEngine(stateless, List.of());
        assertThat(engine.saveState()).contains("\"stateless\":null");
        new StrategyEngine(stateless, List.of()).restoreState(engine.saveState()); // starts fresh, logs it
    }

    @Test
    void theMlStrategyContinuesFromItsSavedTargets() {
        List<Double> probabilities = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            probabilities.add(0.5 + 0.3 * Math.sin(i / 6.0));
        }
        MlDirectionStrategy never = new MlDirectionStrategy(0.6, 0.4, QUANTITY, true);
        List<Optional<Decision>> expected = new ArrayList<>();
        for (int i = 0; i < probabilities.size(); i++) {
            expected.add(never.onBar(MlDirectionStrategyTest.inputs(1_000L * (i + 1), probabilities.get(i))));
        }
        assertThat(expected).filteredOn(Optional::isPresent).hasSizeGreaterThan(5);
        for (int cut : List.of(1, 17, 111)) {
            MlDirectionStrategy first = new MlDirectionStrategy(0.6, 0.4, QUANTITY, true);
            List<Optional<Decision>> got = new ArrayList<>();
            for (int i = 0; i < cut; i++) {
                got.add(first.onBar(MlDirectionStrategyTest.inputs(1_000L * (i + 1), probabilities.get(i))));
            }
            MlDirectionStrategy restored = new MlDirectionStrategy(0.6, 0.4, QUANTITY, true);
            restored.restoreState(first.saveState().orElseThrow());
            for (int i = cut; i < probabilities.size(); i++) {
                got.add(restored.onBar(MlDirectionStrategyTest.inputs(1_000L * (i + 1), probabilities.get(i))));
            }
            assertThat(got).as("decisions with a restart at %d", cut).isEqualTo(expected);
        }
    }
}
