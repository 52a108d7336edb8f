package dev.nautilus.app;

import dev.nautilus.app.config.BusSettings;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.config.RedisUrl;
import dev.nautilus.app.config.StoreSettings;
import dev.nautilus.app.security.BusUsers;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.memory.InMemoryConfig;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.store.StoreConfig;

/** Turns the configuration's bus and store settings into the dual bus and the store's configuration. */
public final class Connections {

    private Connections() {}

    /** PostgreSQL when a JDBC URL is configured, the embedded store under the data directory otherwise. */
    public static StoreConfig storeConfig(NautilusConfig config) {
        StoreSettings settings = config.store();
        StoreConfig base = settings.jdbcUrl().isPresent()
                ? StoreConfig.postgres(
                        settings.jdbcUrl().get(),
                        settings.user().orElse(null),
                        settings.password().orElse(null))
                : StoreConfig.embedded(config.dataDir());
        return base.withPoolSize(settings.poolSize());
    }

    /**
     * The dual bus the settings describe: on Redis when both bus URLs are set, in memory otherwise.
     *
     * @param identity who this process is, in Redis connection names ({@code platform}, or an engine),
     *                 and which Redis ACL user it connects as when a bus ACL secret is configured
     *                 (see {@link BusUsers#userOf})
     */
    public static MessageBus openBus(BusSettings settings, String identity) {
        RoutingTable routing = RoutingTable.withPrefix(settings.streamPrefix());
        if (!settings.onRedis()) {
            return InMemoryTransport.dualBus(
                    routing, InMemoryConfig.defaults().withMaxDeliveries(settings.maxDeliveries()));
        }
        String user = BusUsers.userOf(identity);
        return RedisBuses.dualBus(
                routing,
                redisConfig(
                                settings,
                                settings.credentialed(settings.marketDataUrl().orElseThrow(), user),
                                identity)
                        .withCluster(settings.marketDataCluster()),
                redisConfig(
                                settings,
                                settings.credentialed(settings.engineLogicUrl().orElseThrow(), user),
                                identity)
                        .withCluster(settings.engineLogicCluster()));
    }

    private static RedisBusConfig redisConfig(BusSettings settings, RedisUrl url, String identity) {
        return RedisBusConfig.defaults(url.value(), identity)
                .withBuffer(settings.bufferSize(), settings.bufferInterval())
                .withStreamMaxLen(settings.streamMaxLen())
                .withMaxDeliveries(settings.maxDeliveries())
                .withClaimIdle(settings.claimIdle())
                .withMaxPayloadBytes(settings.maxPayloadBytes())
                .withAllowEvictingPolicy(settings.allowEvictingPolicy())
                .withTls(settings.tls());
    }
}
