package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.redis.monitor.RedisInfo;
import io.lettuce.core.RedisFuture;
import java.util.Locale;
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
 * <p>The policy is read from {@code INFO memory}'s {@code maxmemory_policy}, which every Nautilus ACL
 * user may run, and from {@code CONFIG GET} only when INFO does not tell. When neither answers,
 * the bus starts and says that the policy could not be checked.
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
                    "{} bus: cannot read Redis's maxmemory-policy (INFO memory and CONFIG GET refused); make sure it is "
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
        // INFO first: a least-privilege ACL user has it, while CONFIG GET (which would also show
        // requirepass) is an administrator's, and every refused command lands in the server's ACL LOG
        Optional<String> fromInfo = ask(
                        "INFO memory", connections, connections.async().info("memory"))
                .flatMap(info -> RedisInfo.parse(info).text("maxmemory_policy"));
        if (fromInfo.isPresent()) {
            return fromInfo;
        }
        return ask(
                        "CONFIG GET maxmemory-policy",
                        connections,
                        connections.async().configGet("maxmemory-policy"))
                .map(config -> config.get("maxmemory-policy"))
                .filter(value -> !value.isBlank());
    }

    private static <T> Optional<T> ask(String command, RedisConnections connections, RedisFuture<T> reply) {
        connections.flush();
        try {
            return Optional.ofNullable(reply.get(connections.commandTimeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception refused) {
            LOG.debug("{} refused: {}", command, refused.toString());
            return Optional.empty();
        }
    }
}
