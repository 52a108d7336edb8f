package dev.nautilus.bus.redis.resp;

import dev.nautilus.bus.codec.EnvelopeLimits;
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
import javax.net.ssl.SSLContext;

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
public final class RespSocket implements AutoCloseable {

    private final ReconnectingConnection link;
    private final Duration readTimeout;
    private final EnvelopeLimits entryLimits;
    /** Commands on the live connection whose replies are read by {@link #readOwedReplies}; 0 again on every new connection. */
    private int owedReplies;

    /**
     * @param endpoint    where to connect, asked at each (re)connect: on a cluster, the node that
     *                    serves the reader's slot now (an unresolved address is fine)
     * @param settings    credentials, database and TLS settings, from the bus URL
     * @param tls         the TLS context of a {@code rediss://} URL, {@code null} for {@code redis://}
     * @param readTimeout longest wait for a reply (a blocking read's BLOCK plus the command timeout)
     * @param entryLimits the bounds of a stream entry read on this socket: one over them is refused
     *                    (see {@link StreamEntriesReply})
     */
    public RespSocket(
            Supplier<InetSocketAddress> endpoint,
            RedisURI settings,
            SSLContext tls,
            String clientName,
            Duration connectTimeout,
            Duration readTimeout,
            EnvelopeLimits entryLimits) {
        this.readTimeout = readTimeout;
        this.entryLimits = entryLimits;
        // No fail-fast window: the reader backs off between failed rounds itself.
        this.link = new ReconnectingConnection(
                endpoint,
                settings,
                tls,
                clientName,
                connectTimeout,
                readTimeout,
                Duration.ZERO,
                "reader",
                () -> owedReplies = 0);
    }

    /** Buffers one command; it leaves with the next {@link #flush}. Connects first if needed. */
    public void command(String... arguments) {
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
    public void commandReplyLater(String... arguments) {
        command(arguments);
        owedReplies++;
    }

    /** Reads the replies owed by {@link #commandReplyLater}; the error replies among them, in order. */
    public List<RuntimeException> readOwedReplies(String command) {
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
    public void flush() {
        RespConnection current = connected();
        try {
            current.out().flush();
        } catch (IOException e) {
            throw broken(current, "sending", e);
        }
    }

    /** Sends the buffered commands if still connected, without reading anything; for a reader stopping. */
    public void flushQuietly() {
        RespConnection current = link.live();
        if (current != null && !link.isClosed()) {
            try {
                current.out().flush();
            } catch (IOException e) {
                // stopping anyway: whatever was unsent is redelivered later (at-least-once)
            }
        }
    }

    /** The bounds of a stream entry read on this socket. */
    public EnvelopeLimits entryLimits() {
        return entryLimits;
    }

    /** One read from the reply stream, its I/O failures turned into this class's exceptions (see above). */
    <T> T read(String command, ReplyRead<T> read) {
        RespConnection current = connected();
        try {
            return read.from(current.in());
        } catch (IOException e) {
            throw failed(current, command, e);
        }
    }

    @FunctionalInterface
    interface ReplyRead<T> {
        T from(RespReader in) throws IOException;
    }

    /** Drops the connection; the next command connects again (to wherever the endpoint then says). */
    public void reconnect() {
        link.drop(link.live());
    }

    /** Closes the socket; a thread blocked reading it fails at once. Idempotent; no reconnect after this. */
    @Override
    public void close() {
        link.close();
    }

    private RespConnection connected() {
        return link.connected();
    }

    private RuntimeException failed(RespConnection current, String command, IOException e) {
        if (e instanceof SocketTimeoutException) {
            // The reply may still come: the stream of replies is out of step, start afresh.
            link.drop(current);
            return new RedisCommandTimeoutException(
                    command + " not answered by " + current.address() + " within " + readTimeout.toMillis() + " ms");
        }
        if (e instanceof RespReader.MalformedReplyException) {
            link.drop(current);
            return new RedisConnectionException(
                    "unexpected reply to " + command + " from " + current.address() + ": " + e.getMessage());
        }
        return broken(current, "reading the reply to " + command, e);
    }

    private RedisConnectionException broken(RespConnection current, String what, IOException cause) {
        link.drop(current);
        return link.lost(current, what, cause);
    }
}
