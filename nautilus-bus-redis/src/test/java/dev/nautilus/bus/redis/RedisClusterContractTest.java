package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.TransportContractTest;
import dev.nautilus.testkit.RedisCluster;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The transport contract with both buses on one real three-node Redis Cluster. */
class RedisClusterContractTest extends TransportContractTest {

    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Override
    protected MessageBus createBus(int maxDeliveries) {
        cluster.nodes().forEach(node -> node.command("FLUSHALL"));
        RedisBusConfig config =
                RedisContractTest.config(cluster.url(), maxDeliveries).withCluster(true);
        return RedisBuses.dualBus(RoutingTable.defaults(), config, config);
    }

    @Override
    protected String streamKey(MessageType type) {
        return new StreamLanes(RoutingTable.defaults(), true).key(type, Priority.NORMAL);
    }

    @Override
    protected void awaitPublished(long count) {
        for (Bus which : Bus.values()) {
            ((RedisTransport) ((DualMessageBus) bus).transport(which)).awaitPublished(Duration.ofSeconds(60));
        }
    }
}
