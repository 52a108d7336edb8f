package dev.nautilus.bus.redis.monitor;

import dev.nautilus.bus.redis.RedisTls;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bus monitor (SPEC §1.8): samples each watched Redis — {@code INFO} (server, cpu, clients,
 * memory, commandstats, errorstats), {@code CLIENT LIST}, the streams under the prefix with
 * {@code XLEN} and {@code XINFO GROUPS}, and the dead-letter streams — and returns one immutable
 * {@link MonitorSnapshot}.
 *
 * <p>It owns a Lettuce client (one per distinct {@link MonitorTarget#tls()}) and one connection per target, named
 * {@code nautilus:monitor:<bus>:monitor} so that the monitor itself is visible in {@code CLIENT LIST}.
 * Connections are opened on the first sample and reopened after a failure; there is no background
 * reconnecting. Targets are sampled in parallel, so one Redis that is down (and waits out the
 * connect timeout) does not delay the others.
 *
 * <p>Thread-safe; samples are taken one at a time, because CPU % is the difference between a
 * sample and the one before it.
 */
public final class BusMonitor implements AutoCloseable {

    /** Connect and command timeout unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /**
     * How often the list of streams is rediscovered with SCAN unless told otherwise. Lengths and
     * groups of known streams are read on every sample; a new stream shows within this delay.
     */
    public static final Duration DEFAULT_STREAM_RESCAN = Duration.ofSeconds(10);

    private final List<MonitorTarget> targets;
    private final List<TargetSampler> samplers;
    /** One Lettuce client per distinct TLS setting of the targets (client options hold it): usually one. */
    private final Map<RedisTls, RedisClient> clients = new LinkedHashMap<>();

    private final ExecutorService executor;
    private final Duration timeout;
    private final Object sampleLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A monitor of the given targets with the {@link #DEFAULT_TIMEOUT} and {@link #DEFAULT_STREAM_RESCAN}. */
    public BusMonitor(List<MonitorTarget> targets) {
        this(targets, DEFAULT_TIMEOUT);
    }

    /** A monitor of the given targets with the {@link #DEFAULT_STREAM_RESCAN}. */
    public BusMonitor(List<MonitorTarget> targets, Duration timeout) {
        this(targets, timeout, DEFAULT_STREAM_RESCAN);
    }

    /**
     * A monitor of the given targets.
     *
     * @param targets       the Redis servers to watch, at least one, names unique
     * @param timeout       connect timeout and command timeout of each target
     * @param streamRescan  how often streams are rediscovered with SCAN (zero: every sample)
     * @throws IllegalArgumentException when there is no target, two share a name, or a URL is invalid
     */
    public BusMonitor(List<MonitorTarget> targets, Duration timeout, Duration streamRescan) {
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("the bus monitor needs at least one Redis to watch");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("monitor timeout must be positive, was " + timeout);
        }
        if (streamRescan == null || streamRescan.isNegative()) {
            throw new IllegalArgumentException("stream rescan interval must be zero or positive, was " + streamRescan);
        }
        Set<String> names = new HashSet<>();
        for (MonitorTarget target : targets) {
            if (!names.add(target.name())) {
                throw new IllegalArgumentException("two monitor targets are named '" + target.name() + "'");
            }
        }
        this.targets = List.copyOf(targets);
        this.timeout = timeout;
        List<TargetSampler> built = new ArrayList<>();
        try {
            for (MonitorTarget target : this.targets) {
                RedisClient client = clients.computeIfAbsent(target.tls(), tls -> client(tls, timeout));
                built.add(new TargetSampler(target, client, timeout, streamRescan));
            }
        } catch (RuntimeException e) {
            clients.values().forEach(client -> client.shutdown(Duration.ZERO, timeout));
            throw e;
        }
        this.samplers = List.copyOf(built);
        this.executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("bus-monitor-", 0).factory());
    }

    /** The watched targets, in the order given. */
    public List<MonitorTarget> targets() {
        return targets;
    }

    /**
     * Samples every target. Never throws for a Redis that is down, slow or refuses a command: that
     * target is reported {@linkplain RedisSnapshot#reachable() unreachable} with the reason.
     *
     * @throws IllegalStateException when the monitor is closed
     */
    public MonitorSnapshot snapshot() {
        synchronized (sampleLock) {
            return sampleAll();
        }
    }

    private MonitorSnapshot sampleAll() {
        if (closed.get()) {
            throw new IllegalStateException("the bus monitor is closed");
        }
        Instant takenAt = Instant.now();
        List<Future<RedisSnapshot>> futures = new ArrayList<>(samplers.size());
        try {
            for (TargetSampler sampler : samplers) {
                futures.add(executor.submit(sampler::sample));
            }
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the bus monitor is closed", e);
        }
        // Connect + INFO + CLIENT LIST + SCAN + pipelined stream reads: a few timeouts at worst.
        long deadline = System.nanoTime() + timeout.multipliedBy(4).toNanos();
        List<RedisSnapshot> snapshots = new ArrayList<>(samplers.size());
        for (int i = 0; i < samplers.size(); i++) {
            snapshots.add(await(futures.get(i), samplers.get(i).target(), deadline));
        }
        return new MonitorSnapshot(takenAt, snapshots);
    }

    private static RedisSnapshot await(Future<RedisSnapshot> future, MonitorTarget target, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return RedisSnapshot.unreachable(target, Instant.now(), "no complete sample within the deadline");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return RedisSnapshot.unreachable(target, Instant.now(), "sampling interrupted");
        } catch (ExecutionException e) {
            // sample() reports failures itself; reaching here is a bug, still not a reason to throw.
            return RedisSnapshot.unreachable(target, Instant.now(), "sampling failed: " + e.getCause());
        }
    }

    /**
     * Closes the connections and the client. Idempotent. Does not wait for a sample in progress: that
     * sample is interrupted and reports its targets unreachable.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        executor.shutdownNow();
        samplers.forEach(TargetSampler::close);
        clients.values().forEach(client -> client.shutdown(Duration.ZERO, timeout));
    }

    /**
     * A client for targets with these TLS settings.
     *
     * @throws IllegalArgumentException when a key or trust store cannot be used
     */
    private static RedisClient client(RedisTls tls, Duration timeout) {
        ClientOptions.Builder options = ClientOptions.builder()
                // The sampler reconnects on its next sample; Lettuce must not queue commands meanwhile.
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout));
        // read before the client exists: a store that cannot be used leaves nothing to shut down
        ClientOptions built = tls.applyTo(options).build();
        RedisClient client = RedisClient.create();
        client.setOptions(built);
        return client;
    }
}
