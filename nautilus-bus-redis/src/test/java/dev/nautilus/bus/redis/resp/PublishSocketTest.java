package dev.nautilus.bus.redis.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The publisher's socket against a server that answers the connection set-up and then stops reading. */
class PublishSocketTest {

    @Test
    void aWriteBlockedOnAServerThatStoppedReadingIsFreedAfterTheCommandTimeout() throws Exception {
        // Threads of their own: the common pool may have a single worker on two cores.
        try (ServerSocket server = new ServerSocket();
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            // A small receive window so that the command below cannot fit in the socket buffers.
            server.setReceiveBufferSize(4_096);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<Socket> accepted =
                    CompletableFuture.supplyAsync(() -> answerSetUpThenStopReading(server), threads);
            Duration commandTimeout = Duration.ofMillis(500);
            PublishSocket socket = new PublishSocket(
                    InetSocketAddress.createUnresolved("127.0.0.1", server.getLocalPort()),
                    RedisURI.create("redis://127.0.0.1:" + server.getLocalPort()),
                    null,
                    "test",
                    Duration.ofSeconds(2),
                    commandTimeout,
                    "test-publisher-replies");
            // One command larger than any socket buffer, nothing else owed: the write itself blocks.
            byte[] huge = new byte[32 * 1024 * 1024];
            long start = System.nanoTime();
            CompletableFuture<CompletableFuture<Void>> sending =
                    CompletableFuture.supplyAsync(() -> socket.send(huge), threads);
            try {
                CompletableFuture<Void> reply = sending.get(10, TimeUnit.SECONDS);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("send blocked for")
                        .isLessThan(commandTimeout.multipliedBy(6));
                assertThat(reply).isCompletedExceptionally();
            } finally {
                // Closing the server's end frees a writer still blocked, so a failure here cannot hang the build.
                accepted.get(5, TimeUnit.SECONDS).close();
                socket.close();
            }
        }
    }

    /** Reads the client's {@code CLIENT SETNAME test}, answers it, and never reads again. */
    private static Socket answerSetUpThenStopReading(ServerSocket server) {
        try {
            Socket client = server.accept();
            InputStream in = client.getInputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            while (!seen.toString(StandardCharsets.US_ASCII).endsWith("test\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IllegalStateException("client closed during set-up after " + seen);
                }
                seen.write(b);
            }
            client.getOutputStream().write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            return client;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
