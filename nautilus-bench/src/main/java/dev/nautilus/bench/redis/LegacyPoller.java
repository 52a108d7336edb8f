package dev.nautilus.bench.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One engine's legacy client as the seeds' analysis found it: it polls {@code XREADGROUP} without
 * {@code BLOCK} on the seeds' universal stream {@code nautilus:engine_communication}, on a consumer
 * group that was never created, ignores the {@code NOGROUP} error and polls again. Its connection
 * is named {@code nautilus:<engine>:main:legacy}, so {@code CLIENT LIST} counts it as the engine's.
 */
public final class LegacyPoller implements AutoCloseable {

    /** The seeds' universal stream (seed 004: {@code redis-cli XLEN nautilus:engine_communication}). */
    public static final String STREAM = "nautilus:engine_communication";

    private final StatefulRedisConnection<String, String> connection;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Connects and starts polling.
     *
     * @param delivered counts the entries a poll did get (none while the group does not exist)
     */
    public LegacyPoller(RedisClient client, String url, String engine, Duration interval, AtomicLong delivered) {
        RedisURI uri = RedisURI.create(url);
        uri.setClientName("nautilus:" + engine + ":main:legacy");
        uri.setLibraryName("");
        uri.setLibraryVersion("");
        this.connection = client.connect(uri);
        this.thread = Thread.ofPlatform().daemon(true).name("legacy-" + engine).start(() -> {
            var redis = connection.sync();
            while (running) {
                try {
                    delivered.addAndGet(redis.xreadgroup(
                                    Consumer.from(engine, engine + "-1"),
                                    XReadArgs.Builder.count(10),
                                    XReadArgs.StreamOffset.lastConsumed(STREAM))
                            .size());
                } catch (RuntimeException e) {
                    // NOGROUP, as in the seeds: the legacy client ignored it and polled again.
                }
                LockSupport.parkNanos(interval.toNanos());
            }
        });
    }

    /** Stops polling and closes the connection. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
