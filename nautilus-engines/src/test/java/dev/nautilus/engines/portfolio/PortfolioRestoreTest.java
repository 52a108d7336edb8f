package dev.nautilus.engines.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.Restarts;
import dev.nautilus.engines.risk.PreTradeRiskCheck;
import dev.nautilus.engines.risk.RiskLimits;
import dev.nautilus.engines.strategy.StrategySignal;
import dev.nautilus.engines.topics.StrategyTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Portfolio restored from its saved state continues digit for digit as if it had never stopped. */
class PortfolioRestoreTest {

    private static final String STRATEGY = "restore_test";

    private static PortfolioEngine portfolio() {
        return new PortfolioEngine(
                "paper",
                STRATEGY,
                new BigDecimal("10000"),
                new PaperExecutor(new FeeModel(25), new SlippageModel(2, 1)),
                // tight enough that some targets are refused, so rejections are part of the state
                new PreTradeRiskCheck(new RiskLimits(5, 700, 0.5)));
    }

    /** Long, flat and short targets on two instruments, prices moving, some refused by the risk check. */
    private static List<Message> signals(int count) {
        List<Message> messages = new ArrayList<>();
        BigDecimal[] previous = {BigDecimal.ZERO, BigDecimal.ZERO};
        for (int i = 0; i < count; i++) {
            int k = i % 2;
            String instrument = k == 0 ? "BTCUSD" : "ETHUSD";
            double price = (k == 0 ? 120 : 35) + 9 * Math.sin(i / 7.0) + i * 0.013;
            BigDecimal target = BigDecimal.valueOf(((i / 6) % 5 - 2) * (k == 0 ? 30 : 7), 1);
            boolean changed = target.compareTo(previous[k]) != 0;
            previous[k] = target;
            StrategySignal signal = new StrategySignal(
                    STRATEGY, instrument, 1_000_000L * i, price, target, changed, false, changed ? "test" : "");
            messages.add(Message.builder(MessageType.STRATEGY_SIGNAL, StrategyTopics.signal(STRATEGY, instrument))
                    .source("strategy")
                    .payload(signal)
                    .build());
        }
        return messages;
    }

    @Test
    void restoredMidwayEndsWithTheSamePositionsCashAndPnl() {
        List<Message> messages = signals(400);
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            EngineContext context = new EngineContext(bus.endpoint("portfolio", "t"), new SimpleMeterRegistry());
            PortfolioEngine uninterrupted = Restarts.assertRestoredAnywhereEndsTheSame(
                    PortfolioRestoreTest::portfolio,
                    context,
                    messages,
                    List.of(0, 1, 137, 399),
                    PortfolioEngine::lastUpdate);
            PortfolioUpdate end = uninterrupted.lastUpdate();
            assertThat(end.fills()).as("the replay trades").isGreaterThan(20);
            assertThat(end.rejections()).as("and the risk check refuses some").isPositive();
            assertThat(end.positions()).isNotEmpty();
            // the invariant holds exactly in the restored run too (same digits)
            assertThat(end.equity())
                    .isEqualByComparingTo(new BigDecimal("10000")
                            .add(end.realised())
                            .add(end.unrealised())
                            .subtract(end.fees()));
        }
    }

    @Test
    void aStateOfAnotherAccountIsRefused() {
        String other = new PortfolioEngine(
                        "other",
                        STRATEGY,
                        BigDecimal.TEN,
                        new PaperExecutor(new FeeModel(0), new SlippageModel(0, 0)),
                        new PreTradeRiskCheck(new RiskLimits(1, 1, 1)))
                .saveState();
        assertThatThrownBy(() -> portfolio().restoreState(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other");
    }
}
