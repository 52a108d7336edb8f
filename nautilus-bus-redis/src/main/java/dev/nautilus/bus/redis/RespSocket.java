package dev.nautilus.bus.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A Redis connection over a blocking socket, used by one thread only: commands are buffered by
 * {@link #command} and sent by {@link #flush}, replies read in order with the {@code read…}
 * methods. It speaks RESP2, authenticates ({@code AUTH [user] password}), selects the database,
 * names itself ({@code CLIENT SETNAME}) and does TLS for {@code rediss://} URLs, like the Lettuce
 * connections of the bus.
 *
 * <p>Why not Lettuce here: a Lettuce reply is read by an event-loop thread, which then wakes the
 * thread waiting for it. A consumer-group reader blocked on its own socket is woken by the kernel
 * directly: one wake-up and two system calls fewer per read, which on a two-core virtual machine
 * is a good part of a message's latency (docs/BENCHMARKS.md).
 *
 * <p>Failures: an error reply throws {@link RedisCommandExecutionException} with Redis's message;
 * an I/O failure closes the socket and throws {@link RedisConnectionException}; a reply slower
 * than the read timeout throws {@link RedisCommandTimeoutException}. After either of the last two
 * the next command connects again.
 */
final class RespSocket implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final Supplier<InetSocketAddress> endpoint;
    private final RedisURI settings;
    private final String clientName;
    private final Duration connectTimeout;
    private final int readTimeoutMillis;
    private volatile Socket socket;
    private String address = "(not connected)";
    private OutputStream out;
    private InputStream in;
    /** Received bytes not yet parsed: {@code buffer[position..limit)}. Parsed here rather than
     * through a BufferedInputStream, whose every one-byte read takes a lock. */
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private volatile boolean closed;

    /**
     * @param endpoint    where to connect, asked at each (re)connect: on a cluster, the node that
     *                    serves the reader's slot now (an unresolved address is fine)
     * @param settings    credentials, database and TLS settings, from the bus URL
     * @param readTimeout longest wait for a reply (a blocking read's BLOCK plus the command timeout)
     */
    RespSocket(Supplier<InetSocketAddress> endpoint, RedisURI settings, String clientName, Duration connectTimeout, Duration readTimeout) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.clientName = clientName;
        this.connectTimeout = connectTimeout;
        this.readTimeoutMillis = Math.toIntExact(Math.max(1, readTimeout.toMillis()));
    }

    /** Buffers one command; it leaves with the next {@link #flush}. Connects first if needed. */
    void command(String... arguments) {
        ensureConnected();
        try {
            writeArray(out, arguments);
        } catch (IOException e) {
            throw broken("writing " + arguments[0], e);
        }
    }

    /** Sends the buffered commands. */
    void flush() {
        ensureConnected();
        try {
            out.flush();
        } catch (IOException e) {
            throw broken("sending", e);
        }
    }

    /** Sends the buffered commands if the socket is still open, without reading anything; for a reader stopping. */
    void flushQuietly() {
        if (socket != null && !closed) {
            try {
                out.flush();
            } catch (IOException e) {
                // stopping anyway: whatever was unsent is redelivered later (at-least-once)
            }
        }
    }

    /** The type byte of the next reply ({@code + - : $ *}); an error reply is thrown instead. */
    int readType(String command) {
        int type = read(command);
        if (type == '-') {
            throw new RedisCommandExecutionException(readLine(command));
        }
        return type;
    }

    /** The next reply, which must be an integer (e.g. {@code XACK}'s count). */
    long readInteger(String command) {
        int type = readType(command);
        if (type != ':') {
            throw protocol(command, "an integer", type);
        }
        return readNumber(command);
    }

    /** The rest of a line after its type byte, as text: a simple string or an error. */
    String readLine(String command) {
        StringBuilder line = new StringBuilder(32);
        for (int c = read(command); c != '\r'; c = read(command)) {
            line.append((char) c);
        }
        read(command); // '\n'
        return line.toString();
    }

    /** A decimal number ending its line, after the type byte: an integer reply or a length (-1 is nil). */
    private long readNumber(String command) {
        int c = read(command);
        boolean negative = c == '-';
        if (negative) {
            c = read(command);
        }
        long value = 0;
        for (; c != '\r'; c = read(command)) {
            if (c < '0' || c > '9') {
                throw malformed(command, "a number with '" + (char) c + "' in it");
            }
            value = value * 10 + (c - '0');
        }
        read(command); // '\n'
        return negative ? -value : value;
    }

    /** The next reply, which must be an array; its length, -1 for nil. */
    int readArrayLength(String command) {
        int type = readType(command);
        if (type != '*') {
            throw protocol(command, "an array", type);
        }
        return Math.toIntExact(readNumber(command));
    }

    /** The next reply, which must be a bulk string; its bytes, {@code null} for nil. */
    byte[] readBulk(String command) {
        int type = readType(command);
        if (type != '$') {
            throw protocol(command, "a bulk string", type);
        }
        int length = Math.toIntExact(readNumber(command));
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        int copied = 0;
        while (copied < length) {
            if (position == limit) {
                fill(command);
            }
            int chunk = Math.min(length - copied, limit - position);
            System.arraycopy(buffer, position, bytes, copied, chunk);
            position += chunk;
            copied += chunk;
        }
        if (read(command) != '\r' || read(command) != '\n') {
            throw malformed(command, "a bulk string longer than announced");
        }
        return bytes;
    }

    /** A bulk string reply as text. */
    String readText(String command) {
        byte[] bytes = readBulk(command);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Where this socket is (or was last) connected. */
    String address() {
        return address;
    }

    /** Drops the connection; the next command connects again (to wherever the endpoint then says). */
    void reconnect() {
        disconnect();
    }

    /** Closes the socket; a thread blocked reading it fails at once. Idempotent; no reconnect after this. */
    @Override
    public void close() {
        closed = true;
        disconnect();
    }

    private int read(String command) {
        if (position == limit) {
            fill(command);
        }
        return buffer[position++] & 0xff;
    }

    private void fill(String command) {
        try {
            int count = in.read(buffer, 0, buffer.length);
            if (count < 0) {
                throw new IOException("connection closed by Redis");
            }
            position = 0;
            limit = count;
        } catch (SocketTimeoutException e) {
            throw timedOut(command);
        } catch (IOException e) {
            throw broken("reading the reply to " + command, e);
        }
    }

    private void ensureConnected() {
        if (closed) {
            throw new RedisConnectionException("connection to " + address() + " closed");
        }
        if (socket != null) {
            return;
        }
        Socket opened = null;
        InetSocketAddress target = endpoint.get();
        address = target.getHostString() + ":" + target.getPort();
        try {
            opened = new Socket();
            opened.setTcpNoDelay(true);
            opened.setKeepAlive(true);
            opened.connect(new InetSocketAddress(target.getHostString(), target.getPort()), Math.toIntExact(connectTimeout.toMillis()));
            opened.setSoTimeout(readTimeoutMillis);
            if (settings.isSsl()) {
                opened = startTls(opened, target.getHostString(), target.getPort());
            }
            out = new BufferedOutputStream(opened.getOutputStream(), BUFFER);
            in = opened.getInputStream();
            position = 0;
            limit = 0;
            socket = opened;
            if (closed) {
                // close() ran while we connected: it could not see this socket
                disconnect();
                throw new RedisConnectionException("connection to " + address() + " closed");
            }
            handshake();
        } catch (IOException e) {
            if (opened != null) {
                closeQuietly(opened);
            }
            socket = null;
            throw new RedisConnectionException("cannot connect to " + address() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            disconnect();
            throw e;
        }
    }

    private Socket startTls(Socket plain, String host, int port) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no TLS support in this JVM", e);
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        if (settings.isVerifyPeer()) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
        }
        tls.startHandshake();
        return tls;
    }

    /** AUTH, SELECT and CLIENT SETNAME in one round trip; the first error reply fails the connect. */
    private void handshake() {
        int replies = 0;
        char[] password = settings.getPassword();
        if (password != null && password.length > 0) {
            String username = settings.getUsername();
            if (username != null && !username.isEmpty()) {
                command("AUTH", username, new String(password));
            } else {
                command("AUTH", new String(password));
            }
            replies++;
        }
        if (settings.getDatabase() != 0) {
            command("SELECT", Integer.toString(settings.getDatabase()));
            replies++;
        }
        command("CLIENT", "SETNAME", clientName);
        replies++;
        flush();
        for (int i = 0; i < replies; i++) {
            int type = readType("connection set-up");
            readLine("connection set-up");
            if (type != '+') {
                throw protocol("connection set-up", "OK", type);
            }
        }
    }

    private RedisConnectionException broken(String what, IOException cause) {
        disconnect();
        return new RedisConnectionException((closed ? "connection closed" : "connection to " + address() + " lost") + " while "
                + what + ": " + cause.getMessage(), cause);
    }

    private RedisCommandTimeoutException timedOut(String command) {
        // The reply may still come: the stream of replies is out of step, start afresh.
        disconnect();
        return new RedisCommandTimeoutException(command + " not answered by " + address() + " within " + readTimeoutMillis + " ms");
    }

    private RedisConnectionException protocol(String command, String expected, int type) {
        return malformed(command, "expected " + expected + ", got type '" + (char) type + "'");
    }

    /** A reply of the wrong shape: the connection is dropped (the next command reconnects), and this is what to throw. */
    RedisConnectionException malformed(String command, String detail) {
        disconnect();
        return new RedisConnectionException("unexpected reply to " + command + " from " + address() + ": " + detail);
    }

    private void disconnect() {
        Socket current = socket;
        socket = null;
        if (current != null) {
            closeQuietly(current);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    private static void writeArray(OutputStream out, String[] arguments) throws IOException {
        out.write('*');
        writeDecimal(out, arguments.length);
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            out.write('$');
            writeDecimal(out, bytes.length);
            out.write(bytes);
            out.write('\r');
            out.write('\n');
        }
    }

    private static void writeDecimal(OutputStream out, int value) throws IOException {
        out.write(Integer.toString(value).getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
    }
}
