package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
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
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The Redis connections of one bus in one process: a single shared command connection, used by
 * every publisher, acknowledger and claimer of the process (pipelined, flushed explicitly), and
 * one dedicated connection per blocking reader. Every connection names itself
 * {@code nautilus:<engine>:<bus>:<role>} and Lettuce re-sends the name after each reconnect.
 *
 * <p>On a Redis Cluster each of these is a cluster connection: Lettuce keeps one connection per
 * node under it, routes each command by its key's slot and follows {@code MOVED}/{@code ASK}
 * redirects. Since a cluster client names all its node connections alike, every named connection
 * gets a client of its own (all sharing one event loop and its threads).
 */
final class RedisConnections implements AutoCloseable {

    /**
     * A connection and its commands, the same for a single Redis and a cluster.
     *
     * @param ownClient the cluster client that exists for this connection alone, or {@code null}
     */
    record NamedConnection(StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> async,
            AbstractRedisClient ownClient) {

        /** Sends what was issued on this connection. */
        void flush() {
            connection.flushCommands();
        }

        /**
         * Sends what was issued, unless the connection has been closed meanwhile (a reader being
         * stopped): then there is nothing to send on, and Lettuce's cluster connection would fail
         * with a NullPointerException rather than say so.
         */
        void flushUnlessClosed() {
            if (!connection.isOpen()) {
                return;
            }
            try {
                connection.flushCommands();
            } catch (RuntimeException closedMeanwhile) {
                // closed between the check and the flush: as above
            }
        }
    }

    private final ClientResources resources;
    private final RedisURI baseUri;
    private final Bus bus;
    private final boolean cluster;
    private final Duration commandTimeout;
    /** The client of every connection on a single Redis; {@code null} on a cluster. */
    private final RedisClient single;
    private final NamedConnection shared;
    private final StatefulConnection<String, String> command;
    private final List<NamedConnection> readers = new CopyOnWriteArrayList<>();

    RedisConnections(Bus bus, RedisBusConfig config) {
        this.bus = bus;
        this.cluster = config.cluster();
        this.commandTimeout = config.commandTimeout();
        this.baseUri = RedisURI.create(config.url());
        // Lettuce times every command into a histogram when HdrHistogram is on the class path (it
        // is: the monitor uses it); per command that is work on the event loop nobody reads.
        this.resources = DefaultClientResources.builder().commandLatencyRecorder(CommandLatencyRecorder.disabled()).build();
        this.single = cluster ? null : singleClient(resources);
        try {
            this.shared = connect(name(config.clientIdentity(), "cmd"), true);
        } catch (RuntimeException e) {
            if (single != null) {
                single.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw e;
        }
        this.command = shared.connection();
        command.setAutoFlushCommands(false);
        command.setTimeout(commandTimeout);
    }

    /**
     * A new dedicated connection for a blocking reader of the given engine; it sends only when
     * flushed. On a cluster it is connected up front to the node serving {@code keys} (which must
     * share a slot), so that its first read is not held back by a connection being opened.
     */
    NamedConnection readerConnection(String engine, Duration blockTimeout, Collection<String> keys) {
        NamedConnection reader = connect(name(engine, "reader"), false);
        reader.connection().setTimeout(blockTimeout.plus(commandTimeout));
        // The reader flushes itself, so that its acknowledgements travel with its next read.
        reader.connection().setAutoFlushCommands(false);
        if (reader.connection() instanceof StatefulRedisClusterConnection<String, String> clustered) {
            keys.stream().map(SlotHash::getSlot).distinct()
                    .map(slot -> clustered.getPartitions().getMasterBySlot(slot))
                    .filter(node -> node != null)
                    .forEach(node -> clustered.getConnection(node.getNodeId()));
        }
        readers.add(reader);
        return reader;
    }

    void closeReader(NamedConnection reader) {
        readers.remove(reader);
        if (reader.ownClient() != null) {
            reader.connection().closeAsync().thenRun(() -> reader.ownClient().shutdownAsync(0, 2, TimeUnit.SECONDS));
        } else {
            reader.connection().closeAsync();
        }
    }

    /** Async commands on the shared connection; callers must {@link #flush()} after issuing. */
    RedisClusterAsyncCommands<String, String> async() {
        return shared.async();
    }

    /** Issues a pre-encoded command on the shared connection; callers must {@link #flush()} after issuing. */
    RedisFuture<Void> dispatch(PreEncodedCommand command) {
        // On a cluster, dispatch returns a redirect-following wrapper; the future is ours either way.
        AsyncCommand<String, String, Void> future = new AsyncCommand<>(command);
        this.command.dispatch(future);
        return future;
    }

    /** Whether commands must carry their key to reach the right node (a cluster). */
    boolean routesByKey() {
        return cluster;
    }

    /** Sends what was issued on the shared connection. */
    void flush() {
        command.flushCommands();
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

    private NamedConnection connect(String clientName, boolean shared) {
        RedisURI uri = RedisURI.builder(baseUri).build();
        uri.setClientName(clientName);
        // Lettuce would send CLIENT SETINFO, which Redis before 7.2 answers with an error: one
        // more failed call in INFO errorstats on every connect. We keep those counters clean.
        uri.setLibraryName("");
        uri.setLibraryVersion("");
        if (!cluster) {
            StatefulRedisConnection<String, String> connection = single.connect(StringCodec.UTF8, uri);
            return new NamedConnection(connection, connection.async(), null);
        }
        RedisClusterClient client = RedisClusterClient.create(resources, uri);
        ClusterClientOptions.Builder options = commonOptions(ClusterClientOptions.builder());
        // Topology changes (failover, resharding) are learnt from redirects and reconnects; the
        // shared connection also looks every 30 s, the many reader connections do not.
        options.topologyRefreshOptions(shared
                ? ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers()
                        .enablePeriodicRefresh(Duration.ofSeconds(30)).build()
                : ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers().build());
        client.setOptions(options.build());
        StatefulRedisClusterConnection<String, String> connection;
        try {
            connection = client.connect(StringCodec.UTF8);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
        if (shared) {
            // A command to a node without an open connection waits for it to open and is then
            // written after the flush that should have sent it; opening them all now avoids that.
            for (RedisClusterNode node : connection.getPartitions()) {
                if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                    connection.getConnection(node.getNodeId());
                }
            }
        }
        return new NamedConnection(connection, connection.async(), client);
    }

    private static RedisClient singleClient(ClientResources resources) {
        RedisClient client = RedisClient.create(resources);
        client.setOptions(commonOptions(ClientOptions.builder()).build());
        return client;
    }

    /** What every connection of a bus is set to, on a single Redis and on a cluster. */
    private static <B extends ClientOptions.Builder> B commonOptions(B builder) {
        builder.autoReconnect(true);
        // Commands fail fast while disconnected: our own bounded buffers decide what is kept.
        builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        // RESP2: no HELLO round trip, works with any Redis, and the shape StreamEntriesOutput reads.
        builder.protocolVersion(ProtocolVersion.RESP2);
        // Every command is awaited with a deadline of ours; Lettuce's timer task per command would
        // keep each one alive for the whole timeout (see BatchingPublisher).
        builder.timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build());
        builder.socketOptions(socketOptions());
        return builder;
    }

    private static SocketOptions socketOptions() {
        return SocketOptions.builder().connectTimeout(Duration.ofSeconds(3)).keepAlive(true).tcpNoDelay(true).build();
    }

    private String name(String engine, String role) {
        return "nautilus:" + engine + ":" + bus.key() + ":" + role;
    }

    @Override
    public void close() {
        readers.forEach(reader -> reader.connection().close());
        command.close();
        readers.stream().map(NamedConnection::ownClient).filter(client -> client != null)
                .forEach(client -> client.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
        AbstractRedisClient client = cluster ? shared.ownClient() : single;
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
