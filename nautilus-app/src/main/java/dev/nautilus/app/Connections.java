package dev.nautilus.app;

import dev.nautilus.app.config.BusSettings;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.config.RedisUrl;
import dev.nautilus.app.config.StoreSettings;
import dev.nautilus.app.migration.Layout;
import dev.nautilus.app.migration.RecordedLayout;
import dev.nautilus.app.security.BusUsers;
import dev.nautilus.app.security.DatabaseRoles;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.memory.InMemoryConfig;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.store.StoreConfig;
import java.time.Duration;

/** Turns the configuration's bus and store settings into the dual bus and the store's configuration. */
public final class Connections {

    /** How long a process in the migrating layout waits for a step that is moving its engine. */
    static final Duration MIGRATION_STEP_WAIT = Duration.ofMinutes(10);

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
        return base.withPoolSize(settings.poolSize()).withSchema(settings.schema());
    }

    /**
     * The PostgreSQL pool of one process of the deployment (an engine, the API): its own
     * {@code store.pool_size} connections, named {@code nautilus:<identity>} in
     * {@code pg_stat_activity}, as its own role when {@code store.role_secret} is set (see
     * {@link DatabaseRoles}); empty without a JDBC URL (the embedded store is a single-process file).
     */
    public static java.util.Optional<StoreConfig> processStoreConfig(NautilusConfig config, String identity) {
        StoreSettings settings = config.store();
        if (settings.jdbcUrl().isEmpty()) {
            return java.util.Optional.empty();
        }
        StoreConfig own = storeConfig(config).withApplicationName(applicationName(identity));
        java.util.Optional<String> role = settings.roleSecret().isPresent()
                ? DatabaseRoles.roleOf(settings.rolePrefix(), identity)
                : java.util.Optional.empty();
        return java.util.Optional.of(role.map(r -> own.withCredentials(
                        r, settings.roleSecret().orElseThrow().password(r)))
                .orElse(own));
    }

    /** {@code nautilus:<identity>}, what PostgreSQL shows as a process's connections' application. */
    public static String applicationName(String identity) {
        String name = "nautilus:" + identity;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /**
     * The dual bus the settings describe: on Redis when both bus URLs are set (both buses on the main
     * Redis in the single layout, on the layout the migration recorded for {@code identity} in the
     * migrating one), in memory otherwise.
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
        boolean single = switch (settings.layout()) {
            case DUAL -> false;
            case SINGLE -> true;
            case MIGRATING ->
                RecordedLayout.of(
                                settings.engineLogicUrl().orElseThrow().value(),
                                settings.streamPrefix(),
                                identity,
                                MIGRATION_STEP_WAIT)
                        == Layout.SINGLE;
        };
        RedisUrl marketData = single
                ? settings.mainRedisUrl().orElseThrow()
                : settings.marketDataUrl().orElseThrow();
        RedisUrl engineLogic = single
                ? settings.mainRedisUrl().orElseThrow()
                : settings.engineLogicUrl().orElseThrow();
        return RedisBuses.dualBus(
                routing,
                redisConfig(settings, settings.credentialed(marketData, user), identity)
                        .withCluster(!single && settings.marketDataCluster()),
                redisConfig(settings, settings.credentialed(engineLogic, user), identity)
                        .withCluster(!single && settings.engineLogicCluster()),
                settings.partitions().plan(),
                settings.partitions().leases());
    }

    private static RedisBusConfig redisConfig(BusSettings settings, RedisUrl url, String identity) {
        return RedisBusConfig.defaults(url.value(), identity)
                .withBuffer(settings.bufferSize(), settings.bufferInterval())
                .withStreamMaxLen(settings.streamMaxLen())
                .withMaxDeliveries(settings.maxDeliveries())
                .withClaimIdle(settings.claimIdle())
                .withMaxPayloadBytes(settings.maxPayloadBytes())
                .withAllowEvictingPolicy(settings.allowEvictingPolicy())
                .withTls(settings.tls())
                .withPackedTypes(settings.packedTypes());
    }
}
