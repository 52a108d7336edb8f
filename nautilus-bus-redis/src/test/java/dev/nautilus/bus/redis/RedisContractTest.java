package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.TransportContractTest;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The transport contract, over two real Redis servers. */
class RedisContractTest extends TransportContractTest {

    private static RedisServer marketData;
    private static RedisServer engineLogic;

    @BeforeAll
    static void startServers() throws Exception {
        marketData = RedisServer.start();
        engineLogic = RedisServer.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        marketData.close();
        engineLogic.close();
    }

    @Override
    protected MessageBus createBus(int maxDeliveries) {
        marketData.redis().flushall();
        engineLogic.redis().flushall();
        return RedisBuses.dualBus(
                RoutingTable.defaults(),
                adjusted(config(marketData.url(), maxDeliveries)),
                adjusted(config(engineLogic.url(), maxDeliveries)));
    }

    /** The settings of both buses; a variant of the contract changes them here. */
    protected RedisBusConfig adjusted(RedisBusConfig config) {
        return config;
    }

    static RedisBusConfig config(String url, int maxDeliveries) {
        return RedisBusConfig.defaults(url, "test")
                .withMaxDeliveries(maxDeliveries)
                .withMaxBufferedWhileDown(200_000);
    }

    @Override
    protected void awaitPublished(long count) {
        for (Bus which : Bus.values()) {
            ((RedisTransport) ((DualMessageBus) bus).transport(which)).awaitPublished(Duration.ofSeconds(60));
        }
    }
}
