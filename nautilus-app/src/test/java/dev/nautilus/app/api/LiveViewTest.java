package dev.nautilus.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.memory.InMemoryConfig;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.engines.collateral.MarginCall;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.Side;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.portfolio.PortfolioUpdate;
import dev.nautilus.engines.risk.FlashCrashAlert;
import dev.nautilus.engines.vpin.VpinStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API's view, fed hand-made messages on an in-memory bus: what it keeps and how it refuses bad payloads. */
class LiveViewTest {

    private MessageBus bus;
    private LiveView view;

    @BeforeEach
    void start() {
        bus = InMemoryTransport.dualBus(
                RoutingTable.defaults(), InMemoryConfig.defaults().withMaxDeliveries(2));
        view = LiveView.start(bus, "test");
    }

    @AfterEach
    void stop() {
        view.close();
        bus.close();
    }

    private void publish(MessageType type, String topic, Object payload, Priority priority) {
        bus.publish(Message.builder(type, topic)
                .source("test")
                .priority(priority)
                .payload(payload)
                .build());
    }

    @Test
    void lastPriceIsTheNewestTradeAndCountsTradesPerInstrument() {
        publish(
                MessageType.MARKET_DATA,
                "market_data.trade.BTCUSD",
                new Trade("BTCUSD", 1_000_000, 800.5, 0.1, Side.BUY),
                Priority.NORMAL);
        publish(
                MessageType.MARKET_DATA,
                "market_data.trade.BTCUSD",
                new Trade("BTCUSD", 2_000_000, 801.25, 0.2, Side.SELL),
                Priority.NORMAL);
        publish(
                MessageType.MARKET_DATA,
                "market_data.trade.ETHUSD",
                new Trade("ETHUSD", 1_500_000, 30.0, 1.0, Side.BUY),
                Priority.NORMAL);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> view.lastPrices().size() == 2
                        && view.lastPrice("BTCUSD").map(LastPrice::trades).orElse(0L) == 2);
        assertThat(view.lastPrice("BTCUSD")).contains(new LastPrice("BTCUSD", 801.25, 2_000_000, 2));
        assertThat(view.lastPrices()).extracting(LastPrice::instrument).containsExactly("BTCUSD", "ETHUSD");
        assertThat(view.instruments()).containsExactly("BTCUSD", "ETHUSD");
    }

    @Test
    void barsAndVpinComeOldestFirstAndAlertsNewestFirstWithTheirKind() {
        for (int i = 0; i < 3; i++) {
            long start = i * 60_000_000L;
            publish(
                    MessageType.MARKET_DATA,
                    "market_data.bar.BTCUSD",
                    new Bar("BTCUSD", start, start + 60_000_000L, 100 + i, 101 + i, 99 + i, 100.5 + i, 2, 100.2 + i, 4),
                    Priority.NORMAL);
            publish(
                    MessageType.VPIN_CALCULATION,
                    "vpin.calculation.BTCUSD",
                    new VpinStatus(
                            "BTCUSD", start + 60_000_000L, i == 0 ? null : 0.1 * i, i == 0 ? null : 0.3 * i, false, i),
                    Priority.NORMAL);
        }
        publish(
                MessageType.RISK_METRIC,
                "risk.alert.flash_crash",
                new FlashCrashAlert("BTCUSD", 5_000_000, 820, 1_000_000, 770, 0.061),
                Priority.FLASH_CRASH);
        publish(
                MessageType.COLLATERAL_UPDATE,
                "margin.alert.paper",
                new MarginCall(
                        6_000_000,
                        new BigDecimal("900"),
                        new BigDecimal("1000"),
                        new BigDecimal("1500"),
                        new BigDecimal("600")),
                Priority.URGENT);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> view.alerts(10).size() == 2
                        && view.vpin("BTCUSD", 10).size() == 3
                        && view.bars("BTCUSD", 10).size() == 3);

        assertThat(view.bars("BTCUSD", 2)).extracting(Bar::close).containsExactly(101.5, 102.5);
        assertThat(view.vpin("BTCUSD", 10)).extracting(VpinStatus::vpin).containsExactly(null, 0.1, 0.2);
        assertThat(view.latestVpin().get("BTCUSD").completedBuckets()).isEqualTo(2);
        // the flash crash jumps the queue on the Engine Logic bus, so alerts are compared as a set with kinds
        assertThat(view.alerts(10)).extracting(Alert::kind).containsExactlyInAnyOrder("flash_crash", "margin_call");
        Alert crash = view.alerts(10).stream()
                .filter(a -> a.kind().equals("flash_crash"))
                .findFirst()
                .orElseThrow();
        assertThat(crash.event().priority()).isEqualTo("flash_crash");
        assertThat(crash.event().payload().get("drop").asDouble()).isEqualTo(0.061);
    }

    @Test
    void portfolioUpdatesGiveTheNewestAccountAndAPnlHistory() {
        for (int i = 1; i <= 3; i++) {
            publish(
                    MessageType.PORTFOLIO_UPDATE,
                    "portfolio.update.paper",
                    new PortfolioUpdate(
                            "paper",
                            i,
                            new BigDecimal("9000"),
                            new BigDecimal(10_000 + i),
                            new BigDecimal(i),
                            new BigDecimal(-i),
                            BigDecimal.ONE,
                            i,
                            0,
                            Map.of("BTCUSD", BigDecimal.ONE),
                            Map.of("BTCUSD", new BigDecimal("800"))),
                    Priority.NORMAL);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> view.pnl(10).size() == 3);
        assertThat(view.portfolios().get("paper").fills()).isEqualTo(3);
        assertThat(view.pnl(2))
                .extracting(PnlPoint::equity)
                .containsExactly(new BigDecimal(10_002), new BigDecimal(10_003));
    }

    @Test
    void aPayloadThatDoesNotFitItsTopicIsDeadLetteredWithTheReasonNotDropped() {
        publish(
                MessageType.MARKET_DATA,
                "market_data.bar.BTCUSD",
                Map.of("instrument", "BTCUSD", "open", -1),
                Priority.NORMAL);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !bus.deadLetters(Bus.MARKETDATA, 10).isEmpty());
        var letter = bus.deadLetters(Bus.MARKETDATA, 10).getFirst();
        assertThat(letter.group()).isEqualTo(LiveView.GROUP);
        assertThat(letter.reason()).contains("Bar");
        assertThat(view.bars("BTCUSD", 10)).isEmpty();
    }
}
