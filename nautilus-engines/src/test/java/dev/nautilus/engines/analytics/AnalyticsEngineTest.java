package dev.nautilus.engines.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.BusEndpoint;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.portfolio.PortfolioUpdate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The engine on the bus: one summary per portfolio update, a period return when a day completes. */
class AnalyticsEngineTest {

    private static final long DAY = 86_400_000_000L;
    private static final long NOV_25_NOON = 1_385_337_600_000_000L + DAY / 2;

    private static PortfolioUpdate update(long at, String equity) {
        return new PortfolioUpdate(
                "paper",
                at,
                new BigDecimal(equity),
                new BigDecimal(equity),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                0,
                0,
                Map.of(),
                Map.of());
    }

    @Test
    void publishesASummaryPerUpdateAndCompletedPeriods() {
        List<Message> received = new CopyOnWriteArrayList<>();
        try (MessageBus bus = InMemoryTransport.dualBus();
                EngineHost host = new EngineHost(
                        bus,
                        new SimpleMeterRegistry(),
                        "1",
                        List.of(new AnalyticsEngine(AnalyticsConfig.minuteBars())))) {
            bus.endpoint("listener", "listener-1")
                    .subscribe(List.of("analytics.result.*"), Set.of(MessageType.ANALYTICS_RESULT), received::add);
            host.start();
            BusEndpoint portfolio = bus.endpoint("portfolio", "portfolio-1");
            portfolio.publish(MessageType.PORTFOLIO_UPDATE, "portfolio.update.paper", update(NOV_25_NOON, "100"));
            portfolio.publish(
                    MessageType.PORTFOLIO_UPDATE, "portfolio.update.paper", update(NOV_25_NOON + 60_000_000L, "110"));
            portfolio.publish(MessageType.PORTFOLIO_UPDATE, "portfolio.update.paper", update(NOV_25_NOON + DAY, "99"));

            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);
        }
        assertThat(received)
                .extracting(Message::topic)
                .containsExactly(
                        "analytics.result.summary.paper",
                        "analytics.result.summary.paper",
                        "analytics.result.period.paper",
                        "analytics.result.summary.paper");
        PeriodReturn nov25 = received.get(2).payloadAs(PeriodReturn.class);
        assertThat(nov25.period()).isEqualTo("2013-11-25");
        assertThat(nov25.periodReturn()).isEqualTo(110 / 100.0 - 1);
        PerformanceSummary last = received.get(3).payloadAs(PerformanceSummary.class);
        assertThat(last.observations()).isEqualTo(3);
        assertThat(last.cumulativeReturn()).isEqualTo(99 / 100.0 - 1);
        assertThat(last.maxDrawdown().depth()).isEqualTo((110 - 99) / 110.0);
    }
}
