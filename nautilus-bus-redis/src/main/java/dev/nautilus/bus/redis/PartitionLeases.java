package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.redis.partition.ClusterSlots;
import dev.nautilus.bus.redis.partition.LeaseSettings;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The leases of one consumer group's partitions on one bus, kept on that bus's Redis by Lua scripts
 * (each one atomic, timed by the server's clock, so instances' clocks do not matter):
 *
 * <ul>
 *   <li>membership: a sorted set {@code <prefix>:<bus>:members:<group>}, consumer → lease end;
 *       every instance renews its own and drops the expired ones;</li>
 *   <li>each partition: a hash {@code <prefix>:<bus>:partition:<group>:<n>} (on a cluster followed
 *       by the partition's hash tag, so it lives in the slot of the partition's streams) with
 *       {@code owner}, {@code expires} and {@code epoch}, which every takeover increments;</li>
 *   <li>fenced acknowledgement: {@code XACK} only while the hash's epoch is the owner's, in one
 *       script, so an owner whose partition was taken over cannot acknowledge what the new owner
 *       will handle.</li>
 * </ul>
 */
final class PartitionLeases {

    /** Milliseconds of the server's clock, inlined in each script. */
    private static final String NOW =
            "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) ";

    private static final String HEARTBEAT = NOW
            + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now) "
            + "redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1]) "
            + "return redis.call('ZRANGE', KEYS[1], 0, -1)";

    private static final String ACQUIRE = NOW
            + "local owner = redis.call('HGET', KEYS[1], 'owner') "
            + "local expires = tonumber(redis.call('HGET', KEYS[1], 'expires') or '0') "
            + "if owner and owner ~= '' and expires > now then return -1 end "
            + "local epoch = redis.call('HINCRBY', KEYS[1], 'epoch', 1) "
            + "if epoch > 1 then redis.call('HINCRBY', KEYS[1], 'rebalances', 1) end "
            + "redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'expires', now + tonumber(ARGV[2])) "
            + "return epoch";

    private static final String RENEW = NOW
            + "if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[2] or redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] "
            + "then return 0 end "
            + "redis.call('HSET', KEYS[1], 'expires', now + tonumber(ARGV[3])) "
            + "return 1";

    private static final String RELEASE = "if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[2] "
            + "or redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end "
            + "redis.call('HSET', KEYS[1], 'owner', '', 'expires', 0) "
            + "return 1";

    private static final String FENCED_ACK = "if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[2] then return -1 end "
            + "return redis.call('XACK', KEYS[2], ARGV[1], unpack(ARGV, 3))";

    private final RedisConnections connections;
    private final String membersKey;
    private final String partitionPrefix;
    private final boolean cluster;
    private final int count;
    private final LeaseSettings settings;

    PartitionLeases(
            RedisConnections connections,
            String prefix,
            Bus bus,
            String group,
            int count,
            boolean cluster,
            LeaseSettings settings) {
        this.connections = connections;
        this.membersKey = prefix + ":" + bus.key() + ":members:" + group;
        this.partitionPrefix = prefix + ":" + bus.key() + ":partition:" + group + ":";
        this.cluster = cluster;
        this.count = count;
        this.settings = settings;
    }

    /** The hash of partition {@code n}: in the slot of its streams on a cluster. */
    String partitionKey(int n) {
        return partitionPrefix + n + (cluster ? ":{" + ClusterSlots.partitionTag(n, count) + "}" : "");
    }

    /** Renews {@code consumer}'s membership; returns the live members. */
    List<String> heartbeat(String consumer) {
        List<Object> members = await(connections
                .async()
                .eval(HEARTBEAT, ScriptOutputType.MULTI, new String[] {membersKey}, consumer, leaseMillis()));
        List<String> live = new ArrayList<>(members.size());
        members.forEach(m -> live.add(String.valueOf(m)));
        return live;
    }

    /** Ends {@code consumer}'s membership now (a graceful stop): the others take its share at once. */
    void leave(String consumer) {
        await(connections.async().zrem(membersKey, consumer));
    }

    /** Takes partition {@code n} if nobody holds a live lease on it: its new epoch, or -1. */
    long acquire(int n, String consumer) {
        Long epoch = await(connections
                .async()
                .eval(ACQUIRE, ScriptOutputType.INTEGER, new String[] {partitionKey(n)}, consumer, leaseMillis()));
        return epoch;
    }

    /** Extends the lease of {@code n}; false when it is no longer {@code consumer}'s at {@code epoch}. */
    boolean renew(int n, String consumer, long epoch) {
        Long renewed = await(connections
                .async()
                .eval(
                        RENEW,
                        ScriptOutputType.INTEGER,
                        new String[] {partitionKey(n)},
                        consumer,
                        Long.toString(epoch),
                        leaseMillis()));
        return renewed == 1;
    }

    /** Gives partition {@code n} up, if still {@code consumer}'s at {@code epoch}. */
    void release(int n, String consumer, long epoch) {
        await(connections
                .async()
                .eval(
                        RELEASE,
                        ScriptOutputType.INTEGER,
                        new String[] {partitionKey(n)},
                        consumer,
                        Long.toString(epoch)));
    }

    /**
     * {@code XACK stream group ids} if partition {@code n} is still at {@code epoch}: the number
     * acknowledged, or -1 when it was taken over (nothing acknowledged).
     */
    long fencedAck(int n, long epoch, String stream, String group, List<String> ids) {
        String[] args = new String[2 + ids.size()];
        args[0] = group;
        args[1] = Long.toString(epoch);
        for (int i = 0; i < ids.size(); i++) {
            args[2 + i] = ids.get(i);
        }
        Long acked = await(connections
                .async()
                .eval(FENCED_ACK, ScriptOutputType.INTEGER, new String[] {partitionKey(n), stream}, args));
        return acked;
    }

    /** The recorded state of partition {@code n}: {@code owner}, {@code expires}, {@code epoch}, …. */
    Map<String, String> state(int n) {
        return await(connections.async().hgetall(partitionKey(n)));
    }

    /** Sets {@code field} of partition {@code n}'s hash unless set; returns its value then. */
    String setOnce(int n, String field, String value) {
        RedisFuture<Boolean> set = connections.async().hsetnx(partitionKey(n), field, value);
        RedisFuture<String> now = connections.async().hget(partitionKey(n), field);
        connections.flush();
        await(set);
        return await(now);
    }

    LeaseSettings settings() {
        return settings;
    }

    int count() {
        return count;
    }

    private String leaseMillis() {
        return Long.toString(settings.leaseTime().toMillis());
    }

    <T> T await(RedisFuture<T> future) {
        connections.flush();
        Duration timeout = connections.commandTimeout();
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException(
                    "partition lease command not answered within " + timeout.toMillis() + " ms");
        }
    }
}
