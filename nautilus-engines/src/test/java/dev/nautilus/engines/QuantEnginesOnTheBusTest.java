package dev.nautilus.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.engines.factor.FactorConfig;
import dev.nautilus.engines.factor.FactorEngine;
import dev.nautilus.engines.factor.FactorExposureCalculator;
import dev.nautilus.engines.factor.FactorExposures;
import dev.nautilus.engines.features.FeatureConfig;
import dev.nautilus.engines.features.FeaturesEngine;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.InstrumentReference;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.marketdata.SyntheticFeedConfig;
import dev.nautilus.engines.marketdata.SyntheticMarketFeed;
import dev.nautilus.engines.marketdata.TimeBarAggregator;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.ml.MlConfig;
import dev.nautilus.engines.ml.MlEngine;
import dev.nautilus.engines.ml.MlPrediction;
import dev.nautilus.engines.toraniko.FactorCovarianceUpdate;
import dev.nautilus.engines.toraniko.FactorReturns;
import dev.nautilus.engines.toraniko.SectorConstraint;
import dev.nautilus.engines.toraniko.ToranikoConfig;
import dev.nautilus.engines.toraniko.ToranikoEngine;
import dev.nautilus.engines.toraniko.ToranikoModel;
import dev.nautilus.engines.universe.CrossSection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Hub → Factor, Toraniko, Features → ML on the in-memory dual bus, fed the synthetic universe with
 * its reference data: what the engines publish equals what their calculators give on cross-sections
 * assembled here, independently, from the same trades.
 */
class QuantEnginesOnTheBusTest {

    private static final int INSTRUMENTS = 8;
    private static final int STEPS = 900; // one-second steps: 15 one-minute bars
    private static final FactorConfig FACTOR = new FactorConfig(4, 1, 3, 3, 2, 0.05);
    private static final ToranikoConfig TORANIKO =
            new ToranikoConfig(3, 2, 1, 0.01, 0.05, 0.05, true, SectorConstraint.CAP_WEIGHTED, 5);

    @Test
    void publishesWhatTheCalculatorsComputeOnTheSameCrossSections() {
        SyntheticMarketFeed feed = new SyntheticMarketFeed(SyntheticFeedConfig.defaults(9, INSTRUMENTS, 2));
        List<InstrumentReference> refs = feed.references("synthetic");
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            trades.addAll(feed.nextStep());
        }

        List<Message> received = new CopyOnWriteArrayList<>();
        MessageBus bus = InMemoryTransport.dualBus();
        MarketDataHub hub = new MarketDataHub();
        try (EngineHost host = new EngineHost(
                bus,
                new SimpleMeterRegistry(),
                "1",
                List.of(
                        new FactorEngine(FACTOR),
                        new ToranikoEngine(TORANIKO),
                        new FeaturesEngine(FeatureConfig.defaults()),
                        new MlEngine(MlConfig.defaults()),
                        hub))) {
            bus.endpoint("listener", "listener-1")
                    .subscribe(
                            List.of("factor.*", "ml.prediction.*"),
                            Set.of(MessageType.FACTOR_CALCULATION, MessageType.ML_PREDICTION),
                            received::add);
            host.start();
            refs.forEach(hub::publishReference);
            trades.forEach(hub::ingest);
            hub.flushBars();

            List<CrossSection> sections = crossSections(trades, refs);
            List<FactorExposures> expectedExposures = new ArrayList<>();
            List<FactorReturns> expectedReturns = new ArrayList<>();
            FactorExposureCalculator calculator = new FactorExposureCalculator(FACTOR);
            ToranikoModel model = new ToranikoModel("synthetic", TORANIKO);
            for (CrossSection s : sections) {
                calculator.onCrossSection(s, INSTRUMENTS).ifPresent(expectedExposures::add);
                model.onCrossSection(s).ifPresent(expectedReturns::add);
            }
            assertThat(expectedExposures).hasSizeGreaterThan(3);
            assertThat(expectedReturns).hasSizeGreaterThan(5);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> payloads(received, "factor.calculation.", FactorExposures.class)
                                            .size()
                                    == expectedExposures.size()
                            && payloads(received, "factor.return.toraniko.", FactorReturns.class)
                                            .size()
                                    == expectedReturns.size());
            assertThat(payloads(received, "factor.calculation.synthetic", FactorExposures.class))
                    .isEqualTo(expectedExposures);
            assertThat(payloads(received, "factor.return.toraniko.synthetic", FactorReturns.class))
                    .isEqualTo(expectedReturns);
            List<FactorCovarianceUpdate> covariances =
                    payloads(received, "factor.model.toraniko.synthetic", FactorCovarianceUpdate.class);
            assertThat(covariances).hasSize(expectedReturns.size() - 1);
            assertThat(covariances.getLast()).isEqualTo(model.covarianceUpdate().orElseThrow());

            // features need 20 bars of RSI/SMA history per instrument before the first forecast; 15 bars give none,
            // so ML is checked on its own below with enough bars
        }
        bus.close();
    }

    @Test
    void mlForecastsEveryInstrumentOfTheUniverseFromTheFeaturesEngine() {
        SyntheticMarketFeed feed = new SyntheticMarketFeed(SyntheticFeedConfig.defaults(4, 3, 1));
        List<Message> received = new CopyOnWriteArrayList<>();
        MessageBus bus = InMemoryTransport.dualBus();
        MarketDataHub hub = new MarketDataHub();
        try (EngineHost host = new EngineHost(
                bus,
                new SimpleMeterRegistry(),
                "1",
                List.of(new FeaturesEngine(FeatureConfig.defaults()), new MlEngine(MlConfig.defaults()), hub))) {
            bus.endpoint("listener", "listener-1")
                    .subscribe(List.of("ml.prediction.*"), Set.of(MessageType.ML_PREDICTION), received::add);
            host.start();
            for (int i = 0; i < 60 * 40; i++) { // 40 one-minute bars per instrument
                feed.nextStep().forEach(hub::ingest);
            }
            hub.flushBars();
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 3 * 10);
            List<MlPrediction> predictions = payloads(received, "ml.prediction.", MlPrediction.class);
            assertThat(predictions).extracting(MlPrediction::instrument).containsOnly("SYN000", "SYN001", "SYN002");
            assertThat(predictions).allSatisfy(p -> {
                assertThat(p.probabilityUp()).isStrictlyBetween(0.0, 1.0);
                assertThat(p.trained()).isEqualTo(p.scored());
            });
        }
        bus.close();
    }

    private static <T> List<T> payloads(List<Message> messages, String topicPrefix, Class<T> type) {
        return messages.stream()
                .filter(m -> m.topic().startsWith(topicPrefix))
                .map(m -> m.payloadAs(type))
                .toList();
    }

    /** One-minute bars of every instrument, grouped by interval, as the hub would close them. */
    private static List<CrossSection> crossSections(List<Trade> trades, List<InstrumentReference> refs) {
        TimeBarAggregator aggregator = new TimeBarAggregator(MarketDataHub.BAR_MICROS);
        Map<Long, Map<String, Bar>> byEnd = new TreeMap<>();
        for (Trade t : trades) {
            aggregator
                    .onTrade(t)
                    .ifPresent(b -> byEnd.computeIfAbsent(b.endMicros(), e -> new TreeMap<>())
                            .put(b.instrument(), b));
        }
        aggregator
                .flushAll()
                .forEach(b -> byEnd.computeIfAbsent(b.endMicros(), e -> new TreeMap<>())
                        .put(b.instrument(), b));
        Map<String, InstrumentReference> refMap = new TreeMap<>();
        refs.forEach(r -> refMap.put(r.symbol(), r));
        List<CrossSection> out = new ArrayList<>();
        byEnd.forEach((end, bars) ->
                out.add(new CrossSection("synthetic", end, new TreeMap<>(bars), new TreeMap<>(refMap), true)));
        return out;
    }
}
