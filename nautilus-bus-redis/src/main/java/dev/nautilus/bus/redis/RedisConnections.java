package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.codec.EnvelopeLimits;
import dev.nautilus.bus.redis.resp.PreEncodedCommand;
import dev.nautilus.bus.redis.resp.PublishSocket;
import dev.nautilus.bus.redis.resp.RespSocket;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis connections of one bus in one process: a shared Lettuce command connection (groups,
 * claims, dead letters; pipelined, flushed explicitly), a shared {@link PublishSocket} that every
 * publisher of the process writes its {@code XADD}s to, and one blocking {@link RespSocket} per
 * reader. Every connection names itself {@code nautilus:<engine>:<bus>:<role>} ({@code cmd},
 * {@code pub}, {@code reader}), again after each reconnect.
 *
 * <p>On a Redis Cluster the shared connection is a cluster connection, which also carries the
 * {@code XADD}s: Lettuce keeps one connection per node under it, routes each command by its key's
 * slot, follows {@code MOVED}/{@code ASK} redirects and re-reads the topology after failures and
 * every 30 s. A reader's socket goes to the node serving its slot, looked up in that topology at
 * each connect.
 */
final class RedisConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnections.class);

    /**
     * The shared connection, its commands and the client that made it ({@link RedisClient} or
     * {@link RedisClusterClient}): the same shape for a single Redis and a cluster.
     */
    private record SharedConnection(
            StatefulConnection<String, String> connection,
            RedisClusterAsyncCommands<String, String> async,
            AbstractRedisClient client) {}

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final long STRAY_FLUSH_MILLIS = 20;

    private final ClientResources resources;
    private final RedisURI baseUri;
    private final Bus bus;
    private final boolean cluster;
    private final Duration commandTimeout;
    /** Client certificate and trust store of every connection (for {@code rediss://}). */
    private final RedisTls tls;
    /** The context of this package's own TLS sockets; {@code null} for a {@code redis://} URL. */
    private final SSLContext socketTls;

    private final SharedConnection shared;
    private final StatefulConnection<String, String> command;
    /** The publisher's connection on a single Redis (see {@link PublishSocket}); {@code null} on a cluster. */
    private final PublishSocket publishing;
    /** The periodic flush that sends commands Lettuce buffered after ours. */
    private final ScheduledFuture<?> strayFlush;
    /** Held by every flush of the shared connection: see {@link #flushShared()}. */
    private final ReentrantLock flushing = new ReentrantLock();

    RedisConnections(Bus bus, RedisBusConfig config) {
        this.bus = bus;
        this.cluster = config.cluster();
        this.commandTimeout = config.commandTimeout();
        this.baseUri = RedisURI.create(config.url());
        if (cluster && baseUri.getDatabase() != 0) {
            throw new IllegalArgumentException("a Redis Cluster has database 0 only; the " + bus.displayName()
                    + " bus URL asks for database " + baseUri.getDatabase());
        }
        this.tls = config.tls();
        // Loaded once here: a store that cannot be used fails the start, not a later reconnect.
        this.socketTls = baseUri.isSsl() ? tls.sslContext(baseUri.getVerifyMode()) : null;
        // Lettuce times every command into a histogram when HdrHistogram is on the class path (it
        // is: the monitor uses it); per command that is work on the event loop nobody reads.
        this.resources = DefaultClientResources.builder()
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .build();
        try {
            this.shared = connect(name(config.clientIdentity(), "cmd"));
        } catch (RuntimeException e) {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw e;
        }
        this.command = shared.connection();
        command.setAutoFlushCommands(false);
        this.publishing = cluster
                ? null
                : new PublishSocket(
                        InetSocketAddress.createUnresolved(baseUri.getHost(), baseUri.getPort()),
                        baseUri,
                        socketTls,
                        name(config.clientIdentity(), "pub"),
                        CONNECT_TIMEOUT,
                        commandTimeout,
                        "nautilus-" + bus.key() + "-publisher-replies");
        command.setTimeout(commandTimeout);
        // Lettuce can leave a command in a buffer after the flush meant to send it: on a cluster one
        // redirected by MOVED/ASK or for a node whose connection was still opening
        // (redis/lettuce#2420), anywhere one issued just as the connection dropped. Without another
        // flush it would wait there until it times out, and then leave late.
        this.strayFlush = resources
                .eventExecutorGroup()
                .scheduleAtFixedRate(this::flushStrays, STRAY_FLUSH_MILLIS, STRAY_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * A new connection for a blocking reader of the given engine (see {@link RespSocket}), to the
     * Redis that holds {@code keys}: on a cluster the node serving their slot (they must share
     * one), looked up again at every reconnect; a stream entry over {@code entryLimits} is refused
     * as it is read.
     */
    RespSocket readerSocket(String engine, Collection<String> keys, Duration readTimeout, EnvelopeLimits entryLimits) {
        Supplier<InetSocketAddress> endpoint;
        if (command instanceof StatefulRedisClusterConnection<String, String> clustered) {
            int slot = SlotHash.getSlot(keys.iterator().next());
            endpoint = () -> {
                RedisClusterNode node = clustered.getPartitions().getMasterBySlot(slot);
                if (node == null) {
                    throw new RedisConnectionException(
                            "no node of the cluster serves slot " + slot + " (of " + keys + ") now");
                }
                return InetSocketAddress.createUnresolved(
                        node.getUri().getHost(), node.getUri().getPort());
            };
        } else {
            InetSocketAddress single = InetSocketAddress.createUnresolved(baseUri.getHost(), baseUri.getPort());
            endpoint = () -> single;
        }
        return new RespSocket(
                endpoint, baseUri, socketTls, name(engine, "reader"), CONNECT_TIMEOUT, readTimeout, entryLimits);
    }

    /** On a cluster, re-reads the topology (a reader was told MOVED); nothing on a single Redis. */
    void refreshTopology() {
        if (shared.client() instanceof RedisClusterClient clusterClient) {
            clusterClient.refreshPartitions();
        }
    }

    /** Async commands on the shared connection; callers must {@link #flush()} after issuing. */
    RedisClusterAsyncCommands<String, String> async() {
        return shared.async();
    }

    /**
     * Buffers one finished {@code XADD} for {@code stream}; it leaves with {@link #flushXadds()}. On
     * a single Redis it goes over the publishing socket, on a cluster over the shared Lettuce
     * connection, which routes it to the node of the stream's slot.
     */
    CompletableFuture<Void> sendXadd(String stream, byte[] command) {
        if (publishing != null) {
            return publishing.send(command);
        }
        AsyncCommand<String, String, Void> future =
                new AsyncCommand<>(new PreEncodedCommand(CommandType.XADD, command, stream));
        this.command.dispatch(future);
        return future;
    }

    /** Sends the buffered {@code XADD}s. */
    void flushXadds() {
        if (publishing != null) {
            publishing.flush();
        } else {
            flushShared();
        }
    }

    /** Sends what was issued on the shared connection. */
    void flush() {
        flushShared();
    }

    /**
     * Every flush of the shared connection, one at a time. Lettuce takes a node's buffered commands
     * under its lock but writes them to the channel after releasing it, one task each; two threads
     * flushing at once (the publisher, a reader's acknowledgements, the stray flush) interleave
     * their commands, so a stream's later XADDs could overtake earlier ones on a cluster. Flushed
     * one after another, the writes reach the event loop's queue in the order they were taken.
     */
    private void flushShared() {
        flushing.lock();
        try {
            command.flushCommands();
        } finally {
            flushing.unlock();
        }
    }

    boolean isOpen() {
        return command.isOpen();
    }

    Duration commandTimeout() {
        return commandTimeout;
    }

    /** Host and port, without credentials; for a cluster, the node it was configured with. */
    String endpoint() {
        return (baseUri.isSsl() ? "rediss://" : "redis://") + baseUri.getHost() + ":" + baseUri.getPort()
                + (cluster ? " (cluster)" : "");
    }

    /** The shared connection; on failure its client is shut down again and the failure thrown. */
    private SharedConnection connect(String clientName) {
        RedisURI uri = RedisURI.builder(baseUri).build();
        uri.setClientName(clientName);
        // Lettuce would send CLIENT SETINFO, which Redis before 7.2 answers with an error: one
        // more failed call in INFO errorstats on every connect. We keep those counters clean.
        uri.setLibraryName("");
        uri.setLibraryVersion("");
        if (!cluster) {
            RedisClient client = RedisClient.create(resources);
            client.setOptions(commonOptions(ClientOptions.builder()).build());
            try {
                StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8, uri);
                return new SharedConnection(connection, connection.async(), client);
            } catch (RuntimeException e) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                throw e;
            }
        }
        RedisClusterClient client = RedisClusterClient.create(resources, uri);
        ClusterClientOptions.Builder options = commonOptions(ClusterClientOptions.builder());
        // Topology changes (failover, resharding) are learnt from redirects and reconnects, and by
        // looking every 30 s.
        options.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                .enableAllAdaptiveRefreshTriggers()
                .enablePeriodicRefresh(Duration.ofSeconds(30))
                .build());
        client.setOptions(options.build());
        StatefulRedisClusterConnection<String, String> connection;
        try {
            connection = client.connect(StringCodec.UTF8);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
        // A command to a node without an open connection waits for it to open and is then written
        // after the flush that should have sent it; opening them all now avoids that. Commands are
        // routed over the connection Lettuce keys by host and port (one opened by node id would be
        // another). A master that cannot be reached now is left to Lettuce's reconnects: the other
        // nodes' types still work.
        for (RedisClusterNode node : connection.getPartitions()) {
            if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                try {
                    connection.getConnection(
                            node.getUri().getHost(), node.getUri().getPort());
                } catch (RuntimeException e) {
                    LOG.warn(
                            "{} bus: cluster node {} not reachable at start: {}",
                            bus.displayName(),
                            node.getUri(),
                            e.getMessage());
                }
            }
        }
        return new SharedConnection(connection, connection.async(), client);
    }

    /** What every connection of a bus is set to, on a single Redis and on a cluster. */
    private <B extends ClientOptions.Builder> B commonOptions(B builder) {
        builder.autoReconnect(true);
        // Commands fail fast while disconnected: our own bounded buffers decide what is kept.
        builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        // RESP2: no HELLO round trip, works with any Redis, and what RespSocket speaks too.
        builder.protocolVersion(ProtocolVersion.RESP2);
        // Every command is awaited with a deadline of ours; Lettuce's timer task per command would
        // keep each one alive for the whole timeout (see BatchingPublisher).
        builder.timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build());
        builder.socketOptions(socketOptions());
        if (baseUri.isSsl()) {
            tls.applyTo(builder);
        }
        return builder;
    }

    private static SocketOptions socketOptions() {
        return SocketOptions.builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .keepAlive(true)
                .tcpNoDelay(true)
                .build();
    }

    private void flushStrays() {
        try {
            flushShared();
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again; the next flush will try anyway
            LOG.debug("{} bus: periodic flush failed: {}", bus.displayName(), e.toString());
        }
    }

    private String name(String engine, String role) {
        return "nautilus:" + engine + ":" + bus.key() + ":" + role;
    }

    @Override
    public void close() {
        if (publishing != null) {
            publishing.close();
        }
        strayFlush.cancel(false);
        command.close();
        shared.client().shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
