package dev.nautilus.bus.redis;

import io.lettuce.core.RedisURI;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One open blocking connection to Redis, set up as the bus's Lettuce connections are: TCP_NODELAY
 * and keep-alive, TLS for {@code rediss://} URLs (host name checked unless the URL turns peer
 * verification off), {@code AUTH [user] password}, {@code SELECT db} and {@code CLIENT SETNAME}.
 *
 * @param socket the socket (closing it fails a thread blocked reading it at once)
 * @param out    buffered: commands leave on {@link OutputStream#flush()}
 * @param in     replies, in command order
 */
record RespConnection(Socket socket, OutputStream out, RespReader in, String address) {

    /**
     * Connects and sets up; the set-up commands travel in one round trip.
     *
     * @param readTimeout the socket's read timeout (SO_TIMEOUT), at least 1 ms
     * @throws io.lettuce.core.RedisCommandExecutionException when Redis refuses the set-up (e.g. WRONGPASS)
     */
    static RespConnection open(InetSocketAddress target, RedisURI settings, String clientName, Duration connectTimeout,
            Duration readTimeout) throws IOException {
        String host = target.getHostString();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, target.getPort()), Math.toIntExact(connectTimeout.toMillis()));
            socket.setSoTimeout(Math.toIntExact(Math.max(1, readTimeout.toMillis())));
            if (settings.isSsl()) {
                socket = startTls(socket, host, target.getPort(), settings.isVerifyPeer());
            }
            RespConnection connection = new RespConnection(socket, new BufferedOutputStream(socket.getOutputStream(), 64 * 1024),
                    new RespReader(socket.getInputStream()), host + ":" + target.getPort());
            connection.setUp(settings, clientName);
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Buffers one command. */
    void write(String... arguments) throws IOException {
        out.write('*');
        writeNumber(arguments.length);
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            out.write('$');
            writeNumber(bytes.length);
            out.write(bytes);
            out.write('\r');
            out.write('\n');
        }
    }

    /** Closes the socket, quietly. */
    void close() {
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
        for (int i = 0; i < replies; i++) {
            in.skipWholeReply();
        }
    }

    private void writeNumber(int value) throws IOException {
        out.write(Integer.toString(value).getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
    }

    private static Socket startTls(Socket plain, String host, int port, boolean verifyPeer) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no TLS support in this JVM", e);
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        if (verifyPeer) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
        }
        tls.startHandshake();
        return tls;
    }
}
