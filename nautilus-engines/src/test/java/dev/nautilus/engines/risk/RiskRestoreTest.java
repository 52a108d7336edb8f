package dev.nautilus.engines.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.Restarts;
import dev.nautilus.engines.portfolio.PortfolioUpdate;
import dev.nautilus.engines.topics.PortfolioTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Risk engine restored from its saved state continues exactly as if it had never stopped. */
class RiskRestoreTest {

    private static RiskEngine risk() {
        return new RiskEngine(50, 0.05, new FlashCrashDetector(20_000_000L, 0.03));
    }

    /** An equity path that rises, crashes (drawdown and flash-crash alerts) and recovers. */
    private static List<Message> updates(int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double level = 10_000 * (1 + 0.002 * i + 0.01 * Math.sin(i / 5.0) - (i > 120 && i < 140 ? 0.08 : 0));
            BigDecimal equity = BigDecimal.valueOf(Math.round(level * 100), 2);
            BigDecimal mark = BigDecimal.valueOf(Math.round(level * 3), 2);
            PortfolioUpdate update = new PortfolioUpdate(
                    "paper",
                    1_000_000L * i,
                    equity,
                    equity,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    0,
                    0,
                    Map.of(),
                    Map.of("BTCUSD", mark));
            messages.add(Message.builder(MessageType.PORTFOLIO_UPDATE, PortfolioTopics.update("paper"))
                    .source("portfolio")
                    .payload(update)
                    .build());
        }
        return messages;
    }

    @Test
    void restoredMidwayEndsWithTheSameDrawdownVarAndWindows() {
        List<Message> messages = updates(300);
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            EngineContext context = new EngineContext(bus.endpoint("risk", "t"), new SimpleMeterRegistry());
            RiskEngine uninterrupted = Restarts.assertRestoredAnywhereEndsTheSame(
                    RiskRestoreTest::risk, context, messages, List.of(0, 1, 40, 130, 299), RiskEngine::lastMetrics);
            RiskMetrics end = uninterrupted.lastMetrics();
            assertThat(end.maxDrawdown()).as("the path draws down").isGreaterThan(0.05);
            assertThat(end.historicalVar95()).as("with a full VaR window").isNotNull();
        }
    }
}
