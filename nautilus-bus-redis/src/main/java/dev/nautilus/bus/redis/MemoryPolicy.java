package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.redis.monitor.RedisInfo;
import io.lettuce.core.RedisFuture;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check of a bus's Redis {@code maxmemory-policy}. Under {@code allkeys-lru},
 * {@code allkeys-lfu} or {@code allkeys-random} a full Redis evicts whole keys, and a stream is
 * one key: its entries and its consumer groups, pending lists included, vanish at once, and the
 * groups come back (see {@link ReaderRecovery}) onto a stream that no longer holds what they had
 * not read. A bus refuses to start there unless told to ({@link RedisBusConfig#allowEvictingPolicy()}).
 *
 * <p>The {@code volatile-*} policies evict only keys with a time to live; streams have none, so
 * they are never evicted and these policies are allowed. The documented pairing is
 * {@code noeviction} with the streams' {@code MAXLEN}: memory stays bounded by the trimming, and
 * when Redis is full anyway its {@code OOM} errors reach the publishers as back-pressure, not as
 * silent loss.
 *
 * <p>{@code CONFIG GET} may be refused (an ACL user without {@code @admin}, a managed Redis that
 * renames it); then {@code INFO memory}'s {@code maxmemory_policy} says the same. When neither
 * answers, the bus starts and says that the policy could not be checked.
 */
final class MemoryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryPolicy.class);

    private MemoryPolicy() {}

    /**
     * Checks the policy of the Redis behind {@code connections} (on a cluster, the node the shared
     * connection asks first).
     *
     * @throws IllegalStateException naming the policy, the danger and the fix, when it may evict streams
     */
    static void check(Bus bus, RedisConnections connections, boolean allowEvicting) {
        Optional<String> policy = read(connections);
        if (policy.isEmpty()) {
            LOG.warn(
                    "{} bus: cannot read Redis's maxmemory-policy (CONFIG GET and INFO memory refused); make sure it is "
                            + "noeviction or volatile-*: an allkeys-* policy can evict whole streams",
                    bus.displayName());
            return;
        }
        String name = policy.get().toLowerCase(Locale.ROOT);
        if (!evictsStreams(name)) {
            return;
        }
        String danger =
                "Redis's maxmemory-policy is " + name + ": when it is full it evicts whole keys, and a stream is one "
                        + "key, so a stream is dropped with every entry not yet handled and its consumer groups with their pending "
                        + "entries";
        if (allowEvicting) {
            LOG.warn("{} bus: {}; starting anyway, as bus.allow_evicting_policy is set", bus.displayName(), danger);
            return;
        }
        throw new IllegalStateException(
                "the " + bus.displayName() + " bus refuses to start: " + danger
                        + ". Set maxmemory-policy noeviction (CONFIG SET maxmemory-policy noeviction, and in redis.conf), the "
                        + "documented pairing with the streams' MAXLEN: a full Redis then pushes back on publishers instead of "
                        + "dropping streams. To start anyway, set bus.allow_evicting_policy=true (NAUTILUS_ALLOW_EVICTING_POLICY=true).");
    }

    /** Whether a policy can evict a key without a time to live: the {@code allkeys-*} ones. */
    static boolean evictsStreams(String policy) {
        return policy.startsWith("allkeys-");
    }

    private static Optional<String> read(RedisConnections connections) {
        try {
            RedisFuture<Map<String, String>> config = connections.async().configGet("maxmemory-policy");
            connections.flush();
            String value = config.get(connections.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .get("maxmemory-policy");
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception refused) {
            LOG.debug("CONFIG GET maxmemory-policy refused: {}", refused.toString());
        }
        try {
            RedisFuture<String> info = connections.async().info("memory");
            connections.flush();
            return RedisInfo.parse(info.get(connections.commandTimeout().toMillis(), TimeUnit.MILLISECONDS))
                    .text("maxmemory_policy");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception refused) {
            LOG.debug("INFO memory refused: {}", refused.toString());
            return Optional.empty();
        }
    }
}
