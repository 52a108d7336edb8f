package dev.nautilus.bus.redis.resp;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The connection under one of this package's sockets: opened with its set-up when first needed,
 * dropped on a failure, opened again by the next use, never again once closed. Shared by
 * {@link RespSocket} and {@link PublishSocket}, which add what they do with it.
 *
 * <p>{@link #connected} is called by one thread at a time (the reader's thread; a publisher under
 * its socket's lock); {@link #live}, {@link #drop} and {@link #close} may be called from any thread.
 */
final class ReconnectingConnection {

    private final Supplier<InetSocketAddress> endpoint;
    private final RedisURI settings;
    private final SSLContext tls;
    private final String clientName;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration connectRetry;
    private final String role;
    private final Runnable onOpen;
    private volatile RespConnection connection;
    private volatile boolean closed;
    /** After a failed connect, {@link #connected} fails at once until then, with this failure. */
    private long connectAgainNanos;

    private RedisConnectionException lastConnectFailure;

    /**
     * @param endpoint     where to connect, asked at each (re)connect
     * @param settings     credentials, database and TLS settings, from the bus URL
     * @param tls          the TLS context of a {@code rediss://} URL, {@code null} for {@code redis://}
     * @param readTimeout  the socket's read timeout
     * @param connectRetry after a failed connect, how long to fail at once instead of trying again
     *                     ({@link Duration#ZERO}: try every time)
     * @param role         what the connection is for, in the failure once closed ("reader", "publisher")
     * @param onOpen       run on the calling thread after each successful connect
     */
    ReconnectingConnection(
            Supplier<InetSocketAddress> endpoint,
            RedisURI settings,
            SSLContext tls,
            String clientName,
            Duration connectTimeout,
            Duration readTimeout,
            Duration connectRetry,
            String role,
            Runnable onOpen) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.tls = tls;
        this.clientName = clientName;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.connectRetry = connectRetry;
        this.role = role;
        this.onOpen = onOpen;
    }

    /**
     * The live connection, opened and set up if there is none.
     *
     * @throws RedisConnectionException when closed, or when Redis cannot be reached or refuses the set-up
     */
    RespConnection connected() {
        if (closed) {
            throw closedFailure();
        }
        RespConnection current = connection;
        if (current != null) {
            return current;
        }
        // Connecting blocks the caller: while Redis stays unreachable, try at most every
        // connectRetry and fail in between at once, with the last failure.
        if (lastConnectFailure != null && System.nanoTime() < connectAgainNanos) {
            throw lastConnectFailure;
        }
        InetSocketAddress target = endpoint.get();
        try {
            current = RespConnection.open(target, settings, clientName, connectTimeout, readTimeout, tls);
            lastConnectFailure = null;
        } catch (IOException | RuntimeException e) {
            lastConnectFailure = new RedisConnectionException(
                    "cannot connect to " + target.getHostString() + ":" + target.getPort() + ": " + e.getMessage(), e);
            connectAgainNanos = System.nanoTime() + connectRetry.toNanos();
            throw lastConnectFailure;
        }
        connection = current;
        if (closed) {
            // close() ran while we connected: it could not see this connection
            drop(current);
            throw closedFailure();
        }
        onOpen.run();
        return current;
    }

    /** The live connection, or {@code null}. */
    RespConnection live() {
        return connection;
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes {@code current} (null: nothing) and forgets it if it is still the live one; the next use connects again. */
    void drop(RespConnection current) {
        if (current != null) {
            if (connection == current) {
                connection = null;
            }
            current.close();
        }
    }

    /** Closes the live connection (a thread blocked on it fails at once); idempotent; no connect after this. */
    void close() {
        closed = true;
        drop(connection);
    }

    /** The failure to report when {@code current} failed with {@code cause} while doing {@code what}. */
    RedisConnectionException lost(RespConnection current, String what, IOException cause) {
        return new RedisConnectionException(
                (closed ? "connection closed" : "connection to " + current.address() + " lost") + " while " + what
                        + ": " + cause.getMessage(),
                cause);
    }

    private RedisConnectionException closedFailure() {
        return new RedisConnectionException(role + " connection closed");
    }
}
