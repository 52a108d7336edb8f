package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.testkit.RedisServer;
import org.junit.jupiter.api.Test;

/**
 * Memory policy: which eviction policies a bus starts on. What a full Redis under noeviction does is
 * the chaos scenario {@code redis-oom} (nautilus-bench, {@code ./nautilus chaos redis-oom}).
 */
class RedisMemoryTest {

    private static final String PADDING = "x".repeat(400);

    private static RedisBusConfig config(RedisServer server) {
        return RedisBusConfig.defaults(server.url(), "platform");
    }

    @Test
    void aBusRefusesToStartOnAnEvictingPolicyUnlessToldAndSaysWhy() throws Exception {
        try (RedisServer lru = RedisServer.start("--maxmemory-policy", "allkeys-lru");
                RedisServer el = RedisServer.start()) {
            assertThatThrownBy(() -> RedisBuses.dualBus(RoutingTable.defaults(), config(lru), config(el))
                            .close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("MarketData bus refuses to start")
                    .hasMessageContaining("allkeys-lru")
                    .hasMessageContaining("consumer groups")
                    .hasMessageContaining("maxmemory-policy noeviction")
                    .hasMessageContaining("bus.allow_evicting_policy=true");
            assertThat(lru.redis().clientList()).doesNotContain("name=nautilus:platform:marketdata:cmd");
            try (DualMessageBus told = RedisBuses.dualBus(
                    RoutingTable.defaults(), config(lru).withAllowEvictingPolicy(true), config(el))) {
                assertThat(told.status())
                        .allSatisfy(status -> assertThat(status.connected()).isTrue());
            }
        }
        // Streams have no time to live: a volatile-* policy never evicts them.
        try (RedisServer volatileLru = RedisServer.start("--maxmemory-policy", "volatile-lru");
                RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(RoutingTable.defaults(), config(volatileLru), config(el))) {
            assertThat(bus.status())
                    .allSatisfy(status -> assertThat(status.connected()).isTrue());
        }
    }

    @Test
    void wherePolicyCannotBeReadByConfigGetInfoMemoryIsAsked() throws Exception {
        try (RedisServer random = RedisServer.start("--maxmemory-policy", "allkeys-random");
                RedisServer el = RedisServer.start()) {
            random.command("ACL", "SETUSER", "default", "-config");
            assertThatThrownBy(() -> RedisBuses.dualBus(RoutingTable.defaults(), config(random), config(el))
                            .close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("allkeys-random");
        }
    }
}
