package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Redis connections of one bus in one process: a single shared command connection, used by
 * every publisher, acknowledger and claimer of the process (pipelined, flushed explicitly), and
 * one dedicated connection per blocking reader. Every connection names itself
 * {@code nautilus:<engine>:<bus>:<role>} and Lettuce re-sends the name after each reconnect.
 */
final class RedisConnections implements AutoCloseable {

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI baseUri;
    private final Bus bus;
    private final Duration commandTimeout;
    private final StatefulRedisConnection<String, String> command;
    private final List<StatefulRedisConnection<String, String>> readers = new CopyOnWriteArrayList<>();

    RedisConnections(Bus bus, RedisBusConfig config) {
        this.bus = bus;
        this.commandTimeout = config.commandTimeout();
        this.baseUri = RedisURI.create(config.url());
        // Lettuce times every command into a histogram when HdrHistogram is on the class path (it
        // is: the monitor uses it); per command that is work on the event loop nobody reads.
        this.resources = DefaultClientResources.builder().commandLatencyRecorder(CommandLatencyRecorder.disabled()).build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Commands fail fast while disconnected: our own bounded buffers decide what is kept.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // RESP2: no HELLO round trip, works with any Redis, and the shape StreamEntriesOutput reads.
                .protocolVersion(ProtocolVersion.RESP2)
                // Every command is awaited with a deadline of ours; Lettuce's timer task per command
                // would keep each one alive for the whole timeout (see BatchingPublisher).
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(3)).keepAlive(true).tcpNoDelay(true).build())
                .build());
        this.command = connect(name(config.clientIdentity(), "cmd"));
        command.setAutoFlushCommands(false);
        command.setTimeout(commandTimeout);
    }

    /** A new dedicated connection for a blocking reader of the given engine; it sends only when flushed. */
    StatefulRedisConnection<String, String> readerConnection(String engine, Duration blockTimeout) {
        StatefulRedisConnection<String, String> connection = connect(name(engine, "reader"));
        connection.setTimeout(blockTimeout.plus(commandTimeout));
        // The reader flushes itself, so that its acknowledgements travel with its next read.
        connection.setAutoFlushCommands(false);
        readers.add(connection);
        return connection;
    }

    void closeReader(StatefulRedisConnection<String, String> connection) {
        readers.remove(connection);
        connection.closeAsync();
    }

    /** Async commands on the shared connection; callers must {@link #flush()} after issuing. */
    RedisAsyncCommands<String, String> async() {
        return command.async();
    }

    /** Issues a pre-encoded command on the shared connection; callers must {@link #flush()} after issuing. */
    RedisFuture<Void> dispatch(PreEncodedCommand command) {
        return (AsyncCommand<String, String, Void>) this.command.dispatch(new AsyncCommand<>(command));
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

    /** Host and port, without credentials. */
    String endpoint() {
        return (baseUri.isSsl() ? "rediss://" : "redis://") + baseUri.getHost() + ":" + baseUri.getPort();
    }

    private StatefulRedisConnection<String, String> connect(String clientName) {
        RedisURI uri = RedisURI.builder(baseUri).build();
        uri.setClientName(clientName);
        // Lettuce would send CLIENT SETINFO, which Redis before 7.2 answers with an error: one
        // more failed call in INFO errorstats on every connect. We keep those counters clean.
        uri.setLibraryName("");
        uri.setLibraryVersion("");
        return client.connect(StringCodec.UTF8, uri);
    }

    private String name(String engine, String role) {
        return "nautilus:" + engine + ":" + bus.key() + ":" + role;
    }

    @Override
    public void close() {
        readers.forEach(StatefulRedisConnection::close);
        command.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    }
}
