package dev.nautilus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.nautilus.app.config.BusSettings;
import dev.nautilus.app.config.ConfigException;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.monitor.MonitorTargets;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.redis.monitor.MonitorTarget;
import dev.nautilus.testkit.RedisCluster;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The MarketData bus on a real Redis Cluster and the Engine Logic bus on a single Redis, from configuration alone. */
class ClusterBusConfigTest {

    @Test
    void aBusConfiguredAsAClusterCarriesMessagesAndIsWatchedNodeByNode() {
        try (RedisCluster cluster = RedisCluster.start(3);
                RedisServer engineLogic = RedisServer.start()) {
            BusSettings settings = new ConfigLoader(Map.of(
                            "NAUTILUS_MARKETDATA_BUS_URL", cluster.url(),
                            "NAUTILUS_MARKETDATA_BUS_CLUSTER", "true",
                            "NAUTILUS_ENGINE_LOGIC_BUS_URL", engineLogic.url()))
                    .load()
                    .bus();

            List<MonitorTarget> targets = MonitorTargets.resolve(
                    settings, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            assertThat(targets)
                    .extracting(MonitorTarget::busKey)
                    .containsExactly("marketdata", "marketdata", "marketdata", "engine_logic");

            List<String> received = new CopyOnWriteArrayList<>();
            try (MessageBus bus = Connections.openBus(settings, "cluster-test")) {
                bus.subscribe(
                        new SubscriptionSpec(
                                "features",
                                "features-1",
                                List.of("market_data.*"),
                                EnumSet.of(MessageType.MARKET_DATA, MessageType.PRICE_UPDATE)),
                        message -> received.add(message.topic()));
                bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                        .source("test")
                        .payload(Map.of())
                        .build());
                bus.publish(Message.builder(MessageType.PRICE_UPDATE, "market_data.price.BTCUSD")
                        .source("test")
                        .payload(Map.of())
                        .build());
                await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);
            }
            assertThat(received).containsExactlyInAnyOrder("market_data.trade.BTCUSD", "market_data.price.BTCUSD");
            assertThat(cluster.nodeOf("nautilus:marketdata:{market_data}")
                            .command("XLEN", "nautilus:marketdata:{market_data}"))
                    .isEqualTo(":1\r\n");
        }
    }

    @Test
    void aClusterFlagThatIsNotTrueOrFalseIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("NAUTILUS_ENGINE_LOGIC_BUS_CLUSTER", "maybe")).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("NAUTILUS_ENGINE_LOGIC_BUS_CLUSTER")
                .hasMessageContaining("maybe");
    }
}
