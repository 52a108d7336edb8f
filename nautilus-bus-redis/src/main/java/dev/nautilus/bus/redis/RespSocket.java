package dev.nautilus.bus.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A consumer-group reader's connection: a blocking {@link RespConnection} used by the reader
 * thread only, commands buffered by {@link #command} and sent by {@link #flush}, replies read in
 * order.
 *
 * <p>Why not Lettuce here: a Lettuce reply is read by an event-loop thread, which then wakes the
 * thread waiting for it. A reader blocked on its own socket is woken by the kernel directly: one
 * wake-up and two system calls fewer per read (docs/BENCHMARKS.md).
 *
 * <p>Failures: an error reply throws {@link io.lettuce.core.RedisCommandExecutionException} with
 * Redis's message; an I/O failure or a malformed reply drops the connection and throws
 * {@link RedisConnectionException}; a reply slower than the read timeout drops it and throws
 * {@link RedisCommandTimeoutException}. After a drop, the next command connects again.
 */
final class RespSocket implements AutoCloseable {

    private final Supplier<InetSocketAddress> endpoint;
    private final RedisURI settings;
    private final String clientName;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private volatile RespConnection connection;
    /** Commands on {@link #connection} whose replies are read by {@link #readOwedReplies}; 0 again on every new connection. */
    private int owedReplies;

    private volatile boolean closed;

    /**
     * @param endpoint    where to connect, asked at each (re)connect: on a cluster, the node that
     *                    serves the reader's slot now (an unresolved address is fine)
     * @param settings    credentials, database and TLS settings, from the bus URL
     * @param readTimeout longest wait for a reply (a blocking read's BLOCK plus the command timeout)
     */
    RespSocket(
            Supplier<InetSocketAddress> endpoint,
            RedisURI settings,
            String clientName,
            Duration connectTimeout,
            Duration readTimeout) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.clientName = clientName;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Buffers one command; it leaves with the next {@link #flush}. Connects first if needed. */
    void command(String... arguments) {
        RespConnection current = connected();
        try {
            current.write(arguments);
        } catch (IOException e) {
            throw broken(current, "writing " + arguments[0], e);
        }
    }

    /**
     * Buffers one command whose reply is read later, by {@link #readOwedReplies}, ahead of the
     * next command's: e.g. acknowledgements sent with the next read. If the connection drops
     * before, the command is gone with it and nothing is owed any more.
     */
    void commandReplyLater(String... arguments) {
        command(arguments);
        owedReplies++;
    }

    /** Reads the replies owed by {@link #commandReplyLater}; the error replies among them, in order. */
    List<RuntimeException> readOwedReplies(String command) {
        List<RuntimeException> refused = List.of();
        RespConnection current = connected();
        while (owedReplies > 0) {
            try {
                current.in().skipWholeReply();
            } catch (RedisCommandExecutionException e) {
                refused = refused.isEmpty() ? new ArrayList<>() : refused;
                refused.add(e);
            } catch (IOException e) {
                throw failed(current, command, e);
            }
            owedReplies--;
        }
        return refused;
    }

    /** Sends the buffered commands. */
    void flush() {
        RespConnection current = connected();
        try {
            current.out().flush();
        } catch (IOException e) {
            throw broken(current, "sending", e);
        }
    }

    /** Sends the buffered commands if still connected, without reading anything; for a reader stopping. */
    void flushQuietly() {
        RespConnection current = connection;
        if (current != null && !closed) {
            try {
                current.out().flush();
            } catch (IOException e) {
                // stopping anyway: whatever was unsent is redelivered later (at-least-once)
            }
        }
    }

    /** The next reply, which must be an array; its length, -1 for nil. */
    int readArrayLength(String command) {
        return read(command, RespReader::readArrayLength);
    }

    /** The next reply, which must be a bulk string; its bytes, {@code null} for nil. */
    byte[] readBulk(String command) {
        return read(command, RespReader::readBulk);
    }

    /** A bulk string reply as text. */
    String readText(String command) {
        return read(command, RespReader::readText);
    }

    /** One read from the reply stream, its I/O failures turned into this class's exceptions (see above). */
    private <T> T read(String command, ReplyRead<T> read) {
        RespConnection current = connected();
        try {
            return read.from(current.in());
        } catch (IOException e) {
            throw failed(current, command, e);
        }
    }

    @FunctionalInterface
    private interface ReplyRead<T> {
        T from(RespReader in) throws IOException;
    }

    /** A reply of the wrong shape: the connection is dropped (the next command reconnects), and this is what to throw. */
    RedisConnectionException malformed(String command, String detail) {
        RespConnection current = connection;
        drop(current);
        return new RedisConnectionException("unexpected reply to " + command
                + (current == null ? "" : " from " + current.address()) + ": " + detail);
    }

    /** Drops the connection; the next command connects again (to wherever the endpoint then says). */
    void reconnect() {
        drop(connection);
    }

    /** Closes the socket; a thread blocked reading it fails at once. Idempotent; no reconnect after this. */
    @Override
    public void close() {
        closed = true;
        drop(connection);
    }

    private RespConnection connected() {
        if (closed) {
            throw new RedisConnectionException("reader connection closed");
        }
        RespConnection current = connection;
        if (current != null) {
            return current;
        }
        InetSocketAddress target = endpoint.get();
        try {
            current = RespConnection.open(target, settings, clientName, connectTimeout, readTimeout);
        } catch (IOException e) {
            throw new RedisConnectionException(
                    "cannot connect to " + target.getHostString() + ":" + target.getPort() + ": " + e.getMessage(), e);
        }
        connection = current;
        owedReplies = 0;
        if (closed) {
            // close() ran while we connected: it could not see this connection
            drop(current);
            throw new RedisConnectionException("reader connection closed");
        }
        return current;
    }

    private RuntimeException failed(RespConnection current, String command, IOException e) {
        if (e instanceof SocketTimeoutException) {
            // The reply may still come: the stream of replies is out of step, start afresh.
            drop(current);
            return new RedisCommandTimeoutException(
                    command + " not answered by " + current.address() + " within " + readTimeout.toMillis() + " ms");
        }
        if (e instanceof RespReader.MalformedReplyException) {
            drop(current);
            return new RedisConnectionException(
                    "unexpected reply to " + command + " from " + current.address() + ": " + e.getMessage());
        }
        return broken(current, "reading the reply to " + command, e);
    }

    private RedisConnectionException broken(RespConnection current, String what, IOException cause) {
        drop(current);
        return new RedisConnectionException(
                (closed ? "connection closed" : "connection to " + current.address() + " lost") + " while " + what
                        + ": " + cause.getMessage(),
                cause);
    }

    private void drop(RespConnection current) {
        if (current != null) {
            if (connection == current) {
                connection = null;
            }
            current.close();
        }
    }
}
