package dev.nautilus.engines.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.BusEndpoint;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.ml.MlPrediction;
import dev.nautilus.engines.topics.MarketDataTopics;
import dev.nautilus.engines.topics.MlTopics;
import dev.nautilus.engines.topics.StrategyTopics;
import dev.nautilus.engines.topics.VpinTopics;
import dev.nautilus.engines.vpin.VpinStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The Strategy engine joins bars, VPIN and ML forecasts by bar, whatever order they arrive in: here
 * forecasts and VPIN arrive before the bars they belong to, and the first bars (the ML warm-up) have
 * no forecast at all — they are decided without one once a later forecast proves none is coming.
 */
class StrategyEngineTest {

    @Test
    void forecastsAreJoinedByBarAndWarmUpBarsAreDecidedWithout() throws Exception {
        List<StrategySignal> received = new CopyOnWriteArrayList<>();
        try (MessageBus bus = InMemoryTransport.dualBus();
                EngineHost host = new EngineHost(
                        bus,
                        new SimpleMeterRegistry(),
                        "1",
                        List.of(new StrategyEngine(
                                new MlDirectionStrategy(0.6, 0.4, BigDecimal.ONE, true), List.of())))) {
            BusEndpoint feed = bus.endpoint("feed", "feed-1");
            feed.subscribe(
                    List.of(StrategyTopics.SIGNALS.pattern()),
                    Set.of(MessageType.STRATEGY_SIGNAL),
                    m -> received.add(m.payloadAs(StrategySignal.class)));
            host.start();
            double[] forecasts = {Double.NaN, Double.NaN, 0.7, 0.5, 0.3}; // bars 1 and 2: warm-up, no forecast
            for (int i = 0; i < forecasts.length; i++) {
                if (!Double.isNaN(forecasts[i])) {
                    feed.publish(
                            MessageType.ML_PREDICTION,
                            MlTopics.prediction("A"),
                            new MlPrediction("A", end(i), forecasts[i], "UP", 0.5, 0, null, null, null, null, 0));
                }
                feed.publish(
                        MessageType.VPIN_CALCULATION,
                        VpinTopics.calculation("A"),
                        new VpinStatus("A", end(i), null, null, false, 0));
            }
            for (int i = 0; i < forecasts.length; i++) {
                feed.publish(
                        MessageType.MARKET_DATA,
                        MarketDataTopics.bar("A"),
                        new Bar("A", end(i) - 60, end(i), 10, 10, 10, 10, 1, 10, 1));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == forecasts.length);
        }
        assertThat(received).extracting(StrategySignal::strategy).containsOnly(MlDirectionStrategy.NAME);
        assertThat(received)
                .extracting(StrategySignal::timestampMicros)
                .containsExactly(end(0), end(1), end(2), end(3), end(4));
        assertThat(received)
                .extracting(s -> s.targetQuantity().toPlainString())
                .containsExactly("0", "0", "1", "1", "-1");
        assertThat(received).extracting(StrategySignal::changed).containsExactly(false, false, true, false, true);
    }

    private static long end(int i) {
        return 60_000_000L * (i + 1);
    }
}
