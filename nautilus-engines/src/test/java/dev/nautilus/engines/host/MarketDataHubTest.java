package dev.nautilus.engines.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.BusEndpoint;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.engines.marketdata.BitstampTradeReplay;
import dev.nautilus.engines.marketdata.CsvRowError;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.marketdata.PriceUpdate;
import dev.nautilus.engines.marketdata.ReplayReport;
import dev.nautilus.engines.marketdata.Side;
import dev.nautilus.engines.marketdata.Snapshot;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.marketdata.TradeLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MarketDataHubTest {

    @Test
    void replaysTheRealBitstampTradesInOrderAndAnswersSnapshots() throws Exception {
        TradeLoad btc = BitstampTradeReplay.load();
        TradeLoad first = new TradeLoad(btc.trades().subList(0, 5_000), List.of());
        try (MessageBus bus = InMemoryTransport.dualBus(); EngineHost host = new EngineHost(bus, "1")) {
            List<Trade> trades = new CopyOnWriteArrayList<>();
            List<PriceUpdate> prices = new CopyOnWriteArrayList<>();
            BusEndpoint features = bus.endpoint("features", "features-1");
            features.subscribe(List.of("market_data.trade.*", "price.update.*"),
                    Set.of(MessageType.MARKET_DATA, MessageType.PRICE_UPDATE), m -> {
                        if (m.type() == MessageType.MARKET_DATA) {
                            trades.add(m.payloadAs(Trade.class));
                        } else {
                            prices.add(m.payloadAs(PriceUpdate.class));
                        }
                    });
            MarketDataHub hub = new MarketDataHub(first, 0);
            host.start(hub);
            ReplayReport report = hub.done().get(60, TimeUnit.SECONDS);
            assertThat(report.published()).isEqualTo(5_000);
            await().atMost(Duration.ofSeconds(20)).until(() -> trades.size() == 5_000 && prices.size() == 5_000);
            assertThat(trades).isEqualTo(first.trades());

            Message reply = bus.endpoint("strategy", "strategy-1").request(MessageType.MARKET_DATA,
                    "market_data.snapshot.BTCUSD", new Object[0], Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
            assertThat(reply.payloadAs(Snapshot.class).lastTrade()).isEqualTo(first.trades().get(4_999));
            assertThat(hub.cache().hits()).isPositive();
            features.close();
        }
    }

    @Test
    void badTradesAreRejectedWithAReasonAndNeverPublished() throws Exception {
        long t = 1_385_337_600_000_000L;
        List<Trade> input = new ArrayList<>(List.of(
                new Trade("BTCUSD", t, 800, 1, Side.UNKNOWN),
                new Trade("BTCUSD", t + 1, 801, -2, Side.UNKNOWN),          // negative size
                new Trade("BTCUSD", t + 2, Double.NaN, 1, Side.UNKNOWN),     // NaN price
                new Trade("BTCUSD", t - 5, 802, 1, Side.UNKNOWN),           // time going backwards
                new Trade("BTCUSD", t + 3, 803, 1, Side.UNKNOWN)));
        try (MessageBus bus = InMemoryTransport.dualBus(); EngineHost host = new EngineHost(bus, "1")) {
            List<Trade> seen = new CopyOnWriteArrayList<>();
            bus.endpoint("features", "features-1").subscribe(List.of("market_data.trade.*"), Set.of(MessageType.MARKET_DATA),
                    m -> seen.add(m.payloadAs(Trade.class)));
            MarketDataHub hub = new MarketDataHub(new TradeLoad(input, List.of(new CsvRowError(7, "x", "size is empty"))), 0);
            host.start(hub);
            ReplayReport report = hub.done().get(30, TimeUnit.SECONDS);
            assertThat(report.published()).isEqualTo(2);
            assertThat(report.rejected()).isEqualTo(4);
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
            assertThat(seen).extracting(Trade::price).containsExactly(800.0, 803.0);
        }
    }
}
