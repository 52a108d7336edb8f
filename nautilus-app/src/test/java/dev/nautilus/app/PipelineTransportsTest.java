package dev.nautilus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.redis.RedisServer;
import dev.nautilus.engines.features.FeatureConfig;
import dev.nautilus.engines.features.FeatureSnapshot;
import dev.nautilus.engines.features.FeaturesEngine;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.marketdata.BitstampTradeReplay;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.marketdata.TradeLoad;
import dev.nautilus.engines.vpin.VpinBuckets;
import dev.nautilus.engines.vpin.VpinConfig;
import dev.nautilus.engines.vpin.VpinEngine;
import dev.nautilus.engines.vpin.VpinEstimate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same replay of real BTC trades through hub → features → VPIN gives identical results over
 * the in-memory buses and over real Redis buses.
 */
class PipelineTransportsTest {

    private record Results(List<VpinEstimate> vpin, List<FeatureSnapshot> features) {
    }

    private static final TradeLoad TRADES = new TradeLoad(BitstampTradeReplay.load().trades().subList(0, 20_000), List.of());

    private static Results run(MessageBus bus) throws Exception {
        List<VpinEstimate> vpin = new CopyOnWriteArrayList<>();
        List<FeatureSnapshot> features = new CopyOnWriteArrayList<>();
        bus.endpoint("observer", "observer-1").subscribe(List.of("vpin.calculation.*", "feature.calculation.*"),
                Set.of(MessageType.VPIN_CALCULATION, MessageType.FEATURE_CALCULATION), m -> {
                    if (m.type() == MessageType.VPIN_CALCULATION) {
                        vpin.add(m.payloadAs(VpinEstimate.class));
                    } else {
                        features.add(m.payloadAs(FeatureSnapshot.class));
                    }
                });
        double bucket = VpinBuckets.paperBucketVolume(BitstampTradeReplay.load().trades());
        try (EngineHost host = new EngineHost(bus, "1")) {
            host.start(new FeaturesEngine(FeatureConfig.defaults()));
            host.start(new VpinEngine(i -> VpinConfig.paper(bucket)));
            MarketDataHub hub = new MarketDataHub(TRADES, 0);
            host.start(hub);
            hub.done().get(120, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(120)).until(() -> features.size() == 20_000
                    && host.stats("vpin").received() == 20_000);
            // The VPIN engine has handled every trade; its last estimates may still be in flight.
            int[] last = {-1};
            await().pollInterval(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30)).until(() -> {
                boolean settled = vpin.size() == last[0];
                last[0] = vpin.size();
                return settled;
            });
        }
        return new Results(List.copyOf(vpin), List.copyOf(features));
    }

    @Test
    void redisBusesGiveTheSameResultsAsTheInMemoryBuses() throws Exception {
        Results memory;
        try (MessageBus bus = Platform.openBus(new ConfigLoader(Map.of()).load().bus(), "test")) {
            memory = run(bus);
        }
        Results redis;
        try (RedisServer md = RedisServer.start(); RedisServer el = RedisServer.start();
                MessageBus bus = Platform.openBus(new ConfigLoader(Map.of("NAUTILUS_MARKETDATA_BUS_URL", md.url(),
                        "NAUTILUS_ENGINE_LOGIC_BUS_URL", el.url())).load().bus(), "test")) {
            redis = run(bus);
        }
        assertThat(memory.vpin()).isNotEmpty();
        assertThat(redis.vpin()).isEqualTo(memory.vpin());
        assertThat(redis.features()).hasSize(20_000);
        // Feature values carry NaN before their windows fill; compare them as text, NaN included.
        assertThat(redis.features().toString()).isEqualTo(memory.features().toString());
    }
}
