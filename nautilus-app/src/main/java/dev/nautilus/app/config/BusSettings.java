package dev.nautilus.app.config;

import dev.nautilus.app.security.BusAclSecret;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.redis.RedisTls;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How the engines reach the two buses. With no URLs, both buses run in memory.
 *
 * @param marketDataUrl   Redis of the MarketData bus, or empty for in-memory buses
 * @param engineLogicUrl  Redis of the Engine Logic bus, or empty for in-memory buses
 * @param mainRedisUrl    the legacy main Redis, watched by the monitor only
 * @param streamPrefix    stream-key prefix, {@code nautilus} by default
 * @param bufferSize      publish buffer flushed at this many messages (seed: 3000)
 * @param bufferInterval  or after this long, whichever comes first (seed: 20 ms)
 * @param streamMaxLen    approximate MAXLEN of each stream (seed: 100,000)
 * @param maxDeliveries   deliveries before a message is dead-lettered
 * @param claimIdle       pending messages idle this long are claimed from dead consumers
 * @param maxPayloadBytes largest payload accepted, in UTF-8 bytes
 * @param marketDataCluster  whether the MarketData bus URL names a node of a Redis Cluster
 * @param engineLogicCluster whether the Engine Logic bus URL names a node of a Redis Cluster
 * @param aclSecret          the secret each process's Redis ACL user's password derives from
 *                           (see {@code ./nautilus acl}); empty: the URLs' own credentials, if any
 * @param allowEvictingPolicy whether a bus may start on a Redis whose maxmemory-policy can evict streams
 * @param tls                the client certificate and trust store of every {@code rediss://} connection:
 *                           both buses' and the monitor's; {@link RedisTls#NONE}: the JVM's defaults
 * @param packedTypes        the types whose messages are written several to a stream entry
 *                           ({@code RedisBusConfig#packedTypes}); none by default
 * @param partitions         which types are partitioned, into how many, and the instances' leases (SPEC §1.9)
 * @param layout             where this process puts the buses' streams: their own Redis servers, or
 *                           all on the main Redis (see {@link BusLayout})
 */
public record BusSettings(
        Optional<RedisUrl> marketDataUrl,
        Optional<RedisUrl> engineLogicUrl,
        Optional<RedisUrl> mainRedisUrl,
        String streamPrefix,
        int bufferSize,
        Duration bufferInterval,
        long streamMaxLen,
        int maxDeliveries,
        Duration claimIdle,
        int maxPayloadBytes,
        boolean marketDataCluster,
        boolean engineLogicCluster,
        Optional<BusAclSecret> aclSecret,
        boolean allowEvictingPolicy,
        RedisTls tls,
        Set<MessageType> packedTypes,
        PartitionSettings partitions,
        BusLayout layout) {

    public BusSettings {
        packedTypes = Set.copyOf(packedTypes);
    }

    /** Whether the buses run on Redis (both URLs set, or the main Redis's in the single layout) rather than in memory. */
    public boolean onRedis() {
        return marketDataUrl.isPresent() || (layout == BusLayout.SINGLE && mainRedisUrl.isPresent());
    }

    /**
     * A bus URL with the credentials of the process's Redis ACL user when a secret is configured and
     * the URL names no user of its own; the URL as configured otherwise.
     *
     * @param user the Redis user, e.g. {@code nautilus-risk} (see {@code BusUsers})
     */
    public RedisUrl credentialed(RedisUrl url, String user) {
        return aclSecret.isPresent() && url.uri().getUserInfo() == null
                ? url.withUser(user, aclSecret.get().password(user))
                : url;
    }
}
