package dev.nautilus.engines.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.BusEndpoint;
import dev.nautilus.bus.Causation;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Replay;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.engines.host.EngineContext;
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
import java.util.Optional;
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

    /**
     * A bar that came new to this instance, completed by a replayed VPIN status (its partition on
     * the other bus moved here later): no earlier owner had the bar, so the decision is sent. A bar
     * and status both replayed were decided by their earlier owner: nothing is sent. The signals'
     * ids derive from the bar's message, whichever input completed it, so a decision two instances
     * both send is one effect downstream.
     */
    @Test
    void aDecisionOwedToANewInputIsSentWhenAReplayCompletesItUnderTheBarsId() throws Exception {
        List<Message> sent = new CopyOnWriteArrayList<>();
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            bus.endpoint("collector", "collector-1")
                    .subscribe(
                            List.of(StrategyTopics.SIGNALS.pattern()), Set.of(MessageType.STRATEGY_SIGNAL), sent::add);
            StrategyEngine engine = new StrategyEngine(
                    new MovingAverageCrossStrategy(2, 3, BigDecimal.ONE, true),
                    new RsiMeanReversionStrategy(14, 30, 70, 50, BigDecimal.ONE, true));
            engine.onStart(new EngineContext(bus.endpoint("strategy", "strategy-1"), new SimpleMeterRegistry()));
            Message newBar = bar(0);
            Message replayedStatus = status(0);
            handle(engine, newBar, false);
            handle(engine, replayedStatus, true);
            handle(engine, bar(1), true);
            handle(engine, status(1), true);
            await().atMost(Duration.ofSeconds(5)).until(() -> !sent.isEmpty());
            Thread.sleep(200);
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).payloadAs(StrategySignal.class).timestampMicros())
                    .isEqualTo(end(0));

            // The same decision completed the other way round, by another instance: the same id.
            StrategyEngine other = new StrategyEngine(
                    new MovingAverageCrossStrategy(2, 3, BigDecimal.ONE, true),
                    new RsiMeanReversionStrategy(14, 30, 70, 50, BigDecimal.ONE, true));
            other.onStart(new EngineContext(bus.endpoint("strategy", "strategy-2"), new SimpleMeterRegistry()));
            handle(other, replayedStatus, false);
            handle(other, newBar, true);
            await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 2);
            assertThat(sent.get(1).id()).isEqualTo(sent.get(0).id());
            assertThat(sent.get(1).payload().json())
                    .isEqualTo(sent.get(0).payload().json());
        }
    }

    /**
     * One instrument's state moved alone: an engine given instrument A's keys of another (as a
     * partition's new owner is) decides A's later bars as that one does, and holds nothing of B.
     */
    @Test
    void oneInstrumentsStateMovesAloneAndDecidesOnAsItsFirstOwnerWould() throws Exception {
        try (MessageBus first = InMemoryTransport.dualBus();
                MessageBus second = InMemoryTransport.dualBus()) {
            List<StrategySignal> fromFirst = new CopyOnWriteArrayList<>();
            List<StrategySignal> fromSecond = new CopyOnWriteArrayList<>();
            StrategyEngine owner = started(first, fromFirst);
            StrategyEngine next = started(second, fromSecond);
            assertThat(owner.keepsStatePerKey()).isTrue();
            double[] closes = {10, 11, 12, 11, 10, 9, 8, 9, 10, 12, 14, 13, 12, 10, 9, 8, 10, 12, 13, 15};
            for (int i = 0; i < closes.length; i++) {
                for (String instrument : List.of("A", "B")) {
                    handle(owner, bar(instrument, i, closes[i]), false);
                    handle(owner, status(instrument, i), false);
                }
            }
            next.replaceKeys("A"::equals, Optional.of(owner.saveKeys("A"::equals)));
            assertThat(next.tradedTargets()).containsOnlyKeys("A");
            await().atMost(Duration.ofSeconds(5)).until(() -> fromFirst.size() >= 2 * closes.length);
            int before = fromFirst.size();
            for (int i = closes.length; i < 2 * closes.length; i++) {
                double close = closes[2 * closes.length - 1 - i];
                handle(owner, bar("A", i, close), false);
                handle(owner, status("A", i), false);
                handle(next, bar("A", i, close), false);
                handle(next, status("A", i), false);
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> fromSecond.size() == fromFirst.size() - before && fromSecond.size() >= closes.length);
            assertThat(fromSecond).isEqualTo(fromFirst.subList(before, fromFirst.size()));
            assertThat(fromSecond).extracting(StrategySignal::changed).contains(true);
        }
    }

    private static StrategyEngine started(MessageBus bus, List<StrategySignal> signals) {
        bus.endpoint("collector", "collector-1")
                .subscribe(
                        List.of(StrategyTopics.SIGNALS.pattern()),
                        Set.of(MessageType.STRATEGY_SIGNAL),
                        m -> signals.add(m.payloadAs(StrategySignal.class)));
        StrategyEngine engine = new StrategyEngine(
                new MovingAverageCrossStrategy(2, 3, BigDecimal.ONE, true),
                new RsiMeanReversionStrategy(3, 30, 70, 50, BigDecimal.ONE, true));
        engine.onStart(new EngineContext(bus.endpoint("strategy", "strategy-1"), new SimpleMeterRegistry()));
        return engine;
    }

    /** Hands {@code message} to the engine as its host would: outputs under the input's ids, as a replay or not. */
    private static void handle(StrategyEngine engine, Message message, boolean replay) throws Exception {
        Causation.run(engine.name(), message, () -> {
            try {
                if (replay) {
                    Replay.run(engine::onMessage, message);
                } else {
                    engine.onMessage(message);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Message bar(int i) {
        return bar("A", i, 10);
    }

    private static Message bar(String instrument, int i, double close) {
        return Message.builder(MessageType.MARKET_DATA, MarketDataTopics.bar(instrument))
                .payload(new Bar(instrument, end(i) - 60, end(i), close, close, close, close, 1, close, 1))
                .build();
    }

    private static Message status(int i) {
        return status("A", i);
    }

    private static Message status(String instrument, int i) {
        return Message.builder(MessageType.VPIN_CALCULATION, VpinTopics.calculation(instrument))
                .payload(new VpinStatus(instrument, end(i), null, null, false, 0))
                .build();
    }

    private static long end(int i) {
        return 60_000_000L * (i + 1);
    }
}
