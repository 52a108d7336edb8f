package dev.nautilus.bus.redis.resp;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One open blocking connection to Redis, set up as the bus's Lettuce connections are: TCP_NODELAY
 * and keep-alive, TLS for {@code rediss://} URLs with the URL's peer verification (as Lettuce:
 * {@code FULL} checks the chain and the host name, {@code CA} the chain only, {@code NONE} nothing)
 * and the bus's client certificate and trust store (a context from {@code RedisTls}),
 * {@code AUTH [user] password}, {@code SELECT db} and {@code CLIENT SETNAME}.
 *
 * @param tcp    the TCP socket under the TLS one (the same socket without TLS)
 * @param socket the socket commands and replies go through
 * @param out    buffered: commands leave on {@link OutputStream#flush()}
 * @param in     replies, in command order
 */
record RespConnection(Socket tcp, Socket socket, OutputStream out, RespReader in, String address) {

    /**
     * Connects and sets up; the set-up commands travel in one round trip.
     *
     * @param readTimeout the socket's read timeout (SO_TIMEOUT), at least 1 ms
     * @param tls         the TLS context of a {@code rediss://} {@code settings} (client certificate,
     *                    trust by the URL's verification); {@code null} for {@code redis://}
     * @throws io.lettuce.core.RedisCommandExecutionException when Redis refuses the set-up (e.g. WRONGPASS)
     */
    static RespConnection open(
            InetSocketAddress target,
            RedisURI settings,
            String clientName,
            Duration connectTimeout,
            Duration readTimeout,
            SSLContext tls)
            throws IOException {
        String host = target.getHostString();
        Socket tcp = new Socket();
        try {
            tcp.setTcpNoDelay(true);
            tcp.setKeepAlive(true);
            tcp.connect(new InetSocketAddress(host, target.getPort()), Math.toIntExact(connectTimeout.toMillis()));
            tcp.setSoTimeout(Math.toIntExact(Math.max(1, readTimeout.toMillis())));
            Socket socket =
                    settings.isSsl() ? startTls(tcp, host, target.getPort(), tls, settings.getVerifyMode()) : tcp;
            RespConnection connection = new RespConnection(
                    tcp,
                    socket,
                    new BufferedOutputStream(socket.getOutputStream(), 64 * 1024),
                    new RespReader(socket.getInputStream()),
                    host + ":" + target.getPort());
            connection.setUp(settings, clientName);
            return connection;
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    /** Buffers one command. */
    void write(String... arguments) throws IOException {
        out.write(RespWriter.command(arguments));
    }

    /**
     * Closes the connection, quietly and at once. The TCP socket goes first: closing a TLS socket
     * sends a close_notify, which waits for a writer stuck on a full socket (a hung Redis) and
     * would block this close with it.
     */
    void close() {
        closeQuietly(tcp);
        if (socket != tcp) {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    private void setUp(RedisURI settings, String clientName) throws IOException {
        int replies = 0;
        char[] password = settings.getPassword();
        if (password != null && password.length > 0) {
            String username = settings.getUsername();
            if (username != null && !username.isEmpty()) {
                write("AUTH", username, new String(password));
            } else {
                write("AUTH", new String(password));
            }
            replies++;
        }
        if (settings.getDatabase() != 0) {
            write("SELECT", Integer.toString(settings.getDatabase()));
            replies++;
        }
        write("CLIENT", "SETNAME", clientName);
        replies++;
        out.flush();
        try {
            for (int i = 0; i < replies; i++) {
                in.skipWholeReply();
            }
        } catch (SocketTimeoutException e) {
            // "Read timed out" alone would not say that the server took the connection and then went silent
            throw new SocketTimeoutException("Redis at " + address
                    + " accepted the connection but did not answer its set-up within " + tcp.getSoTimeout() + " ms");
        }
    }

    private static Socket startTls(Socket plain, String host, int port, SSLContext context, SslVerifyMode verify)
            throws IOException {
        Objects.requireNonNull(context, "a rediss:// connection needs its TLS context");
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        if (verify == SslVerifyMode.FULL) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
        }
        tls.startHandshake();
        return tls;
    }
}
