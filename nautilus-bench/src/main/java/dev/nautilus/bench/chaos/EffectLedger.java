package dev.nautilus.bench.chaos;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where the chaos consumers record what they did, on a verification Redis that no scenario faults,
 * so the record survives the consumer's {@code kill -9}. Per id it keeps two counts:
 *
 * <ul>
 *   <li><b>deliveries</b> — every time a handler ran for the id (what at-least-once delivery did);
 *   <li><b>effects</b> — every time the id's effect was applied. The effect is idempotent by id, the
 *       way the store's unique keys make a row: it is applied only if no effect for that id is
 *       recorded yet, in the same atomic step. A second application, were the check broken or
 *       skipped, would show as an effect count of 2.
 * </ul>
 *
 * Counting is by id, never into a set: a duplicate is a count above one.
 */
public final class EffectLedger implements AutoCloseable {

    private static final String RECORD = """
            redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
            if redis.call('HSETNX', KEYS[3], ARGV[1], ARGV[2]) == 1 then
              redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
              return 1
            end
            return 0
            """;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String[] keys;
    private final String sha;

    /** A ledger on the Redis at {@code url}, its keys named after {@code scope}. */
    public EffectLedger(String url, String scope) {
        this.client = RedisClient.create(url);
        try {
            this.connection = client.connect();
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            throw e;
        }
        this.redis = connection.sync();
        this.keys = new String[] {
            "chaos:" + scope + ":deliveries", "chaos:" + scope + ":effects", "chaos:" + scope + ":applied-by"
        };
        this.sha = redis.scriptLoad(RECORD);
    }

    /** Records one handling of {@code id} by {@code consumer}; true if its effect was applied now. */
    public boolean record(String id, String consumer) {
        Long applied = redis.evalsha(sha, ScriptOutputType.INTEGER, keys, id, consumer);
        return applied != null && applied == 1;
    }

    /** Compares what was recorded with the ids that were sent. */
    public Tally tally(Set<String> sent) {
        Map<String, Long> deliveries = counts(keys[0]);
        Map<String, Long> effects = counts(keys[1]);
        long lost = 0;
        long unique = 0;
        for (String id : sent) {
            if (effects.getOrDefault(id, 0L) > 0) {
                unique++;
            } else {
                lost++;
            }
        }
        long duplicates =
                effects.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
        long redelivered =
                deliveries.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
        long unexpected =
                effects.keySet().stream().filter(id -> !sent.contains(id)).count();
        return new Tally(sent.size(), unique, lost, duplicates, redelivered, unexpected);
    }

    /** Ids with an effect so far. */
    public long effects() {
        return redis.hlen(keys[1]);
    }

    private Map<String, Long> counts(String key) {
        Map<String, Long> counts = new HashMap<>();
        redis.hgetall(key).forEach((id, n) -> counts.put(id, Long.parseLong(n)));
        return counts;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }

    /**
     * The comparison.
     *
     * @param sent             ids sent
     * @param handledUnique    sent ids with an effect
     * @param lost             sent ids without one
     * @param duplicateEffects effects beyond the first, summed over ids
     * @param redelivered      handler runs beyond the first, summed over ids
     * @param unexpected       ids with an effect that were never sent
     */
    public record Tally(
            long sent, long handledUnique, long lost, long duplicateEffects, long redelivered, long unexpected) {

        /** Nothing lost, nothing applied twice, nothing invented. */
        public boolean whole() {
            return lost == 0 && duplicateEffects == 0 && unexpected == 0;
        }
    }
}
