package dev.nautilus.app.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.engines.factor.FactorExposures;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineRuntime;
import dev.nautilus.engines.marketdata.InstrumentReference;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.marketdata.TradeReplay;
import dev.nautilus.engines.ml.MlPrediction;
import dev.nautilus.engines.toraniko.FactorCovarianceUpdate;
import dev.nautilus.engines.toraniko.FactorReturns;
import dev.nautilus.testkit.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The synthetic universe through hub → Factor, Toraniko, Features → ML with their default
 * parameters, on the in-memory buses and on two real Redis servers: the same exposures, factor
 * returns, covariances and forecasts, message for message. Each engine's output is a function of
 * one ordered stream (market data, or features), so the transport's timing must not show.
 */
class QuantTransportEquivalenceTest {

    private static final int INSTRUMENTS = 8;
    private static final int STEPS = 60 * 75; // 75 one-minute bars: past the 66 the risk model needs
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    record Outputs(
            List<FactorExposures> exposures,
            List<FactorReturns> returns,
            List<FactorCovarianceUpdate> covariances,
            List<MlPrediction> predictions) {}

    @Test
    void redisBusesGiveTheSameQuantResultsAsInMemoryBuses() {
        List<InstrumentReference> refs = ReplaySource.syntheticReferences(INSTRUMENTS);
        List<Trade> trades = ReplaySource.synthetic(INSTRUMENTS, STEPS);

        Outputs inMemory;
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            inMemory = run(bus, refs, trades);
        }
        Outputs overRedis;
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start();
                MessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        RedisBusConfig.defaults(marketData.url(), "quant-equivalence-test"),
                        RedisBusConfig.defaults(engineLogic.url(), "quant-equivalence-test"))) {
            overRedis = run(bus, refs, trades);
        }

        assertThat(inMemory.exposures()).hasSizeGreaterThan(1);
        assertThat(inMemory.returns()).hasSizeGreaterThan(5);
        assertThat(inMemory.covariances()).hasSize(inMemory.returns().size() - 1);
        assertThat(inMemory.predictions()).hasSizeGreaterThan(INSTRUMENTS * 40);
        assertThat(overRedis).isEqualTo(inMemory);
    }

    private static Outputs run(MessageBus bus, List<InstrumentReference> refs, List<Trade> trades) {
        List<Message> received = new CopyOnWriteArrayList<>();
        List<String> names = List.of(
                EngineMatrix.FACTOR,
                EngineMatrix.TORANIKO,
                EngineMatrix.FEATURES,
                EngineMatrix.ML,
                EngineMatrix.MARKETDATA);
        try (EngineHost host = new EngineHost(bus, new SimpleMeterRegistry(), "1", EngineCatalog.create(names))) {
            bus.endpoint("recorder", "recorder-1")
                    .subscribe(
                            List.of("factor.*", "ml.prediction.*"),
                            Set.of(MessageType.FACTOR_CALCULATION, MessageType.ML_PREDICTION),
                            received::add);
            host.start();
            Map<String, EngineRuntime> runtimes = host.runtimes().stream()
                    .collect(java.util.stream.Collectors.toMap(r -> r.engine().name(), r -> r));
            MarketDataHub hub =
                    (MarketDataHub) runtimes.get(EngineMatrix.MARKETDATA).engine();
            refs.forEach(hub::publishReference);
            new TradeReplay(hub, 0).run(trades, () -> false);

            // every market-data message (references, trades, bars) handled; one feature update per bar handled by ML
            long marketData = hub.publishedCount() - hub.barCount(); // minus the price updates, one per bar
            await().atMost(TIMEOUT)
                    .until(() -> runtimes.get(EngineMatrix.FACTOR).handledCount() == marketData
                            && runtimes.get(EngineMatrix.TORANIKO).handledCount() == marketData
                            && runtimes.get(EngineMatrix.ML).handledCount() == hub.barCount());
            // the engines published before returning from their handlers; a marker published now comes after on each
            // stream
            var marker = bus.endpoint("marker", "marker-1");
            marker.publish(MessageType.FACTOR_CALCULATION, "factor.end_of_test", "end");
            marker.publish(MessageType.ML_PREDICTION, "ml.prediction.end_of_test", "end");
            await().atMost(TIMEOUT)
                    .until(() -> received.stream()
                                    .filter(m -> m.topic().endsWith("end_of_test"))
                                    .count()
                            == 2);
        }
        return new Outputs(
                payloads(received, "factor.calculation.", FactorExposures.class),
                payloads(received, "factor.return.toraniko.", FactorReturns.class),
                payloads(received, "factor.model.toraniko.", FactorCovarianceUpdate.class),
                payloads(received, "ml.prediction.SYN", MlPrediction.class));
    }

    private static <T> List<T> payloads(List<Message> messages, String topicPrefix, Class<T> type) {
        return messages.stream()
                .filter(m -> m.topic().startsWith(topicPrefix))
                .map(m -> m.payloadAs(type))
                .toList();
    }
}
