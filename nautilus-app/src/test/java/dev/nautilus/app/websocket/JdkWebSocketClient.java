package dev.nautilus.app.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.bus.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (java.net.http) that collects every JSON frame it receives. */
final class JdkWebSocketClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Field added to each received frame: {@link System#nanoTime()} when it arrived. */
    static final String RECEIVED_NANOS = "_receivedNanos";

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private final java.util.concurrent.atomic.AtomicLong bytesReceived = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closedByServer;
    private volatile int closeCode = -1;
    private volatile String closeReason;

    private JdkWebSocketClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Collector()).join();
    }

    /** Connects; fails with the handshake's exception (e.g. a 401) as the cause of a CompletionException. */
    static JdkWebSocketClient connect(URI uri) {
        return new JdkWebSocketClient(uri, Map.of());
    }

    static JdkWebSocketClient connect(URI uri, Map<String, String> headers) {
        return new JdkWebSocketClient(uri, headers);
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    void subscribe(String... patterns) {
        send(Json.write(Map.of("op", "subscribe", "patterns", List.of(patterns))));
        JsonNode ack = next(f -> f.get("type").asText().equals("subscribed"));
        if (ack.get("patterns").size() != patterns.length) {
            throw new AssertionError("unexpected ack " + ack);
        }
    }

    /** The next frame, skipping heartbeats; fails after 5 s. */
    JsonNode next() {
        return next(f -> !f.get("type").asText().equals("heartbeat"));
    }

    /** The next frame matching, skipping others; fails after 5 s. */
    JsonNode next(Predicate<JsonNode> wanted) {
        return next(wanted, Duration.ofSeconds(5));
    }

    /**
     * The next frame matching, skipping others; fails after {@code patience}, naming the frames
     * skipped (by type and topic) so a failure tells what came instead.
     */
    JsonNode next(Predicate<JsonNode> wanted, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        Map<String, Integer> skipped = new TreeMap<>();
        try {
            while (true) {
                JsonNode frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("no frame matched within " + patience.toMillis() + " ms; skipped "
                            + skipped
                            + (closedByServer ? "; closed by the server: " + closeCode + " " + closeReason : ""));
                }
                skipped.merge(
                        frame.path("type").asText() + ":"
                                + frame.path("message_type").asText(),
                        1,
                        Integer::sum);
                if (wanted.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Every frame received so far and not yet taken. */
    List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>();
        frames.drainTo(out);
        return out;
    }

    /** UTF-8 bytes of every text frame received. */
    long bytesReceived() {
        return bytesReceived.get();
    }

    boolean closedByServer() {
        return closedByServer;
    }

    /** The close code the server sent, -1 while open. */
    int closeCode() {
        return closeCode;
    }

    String closeReason() {
        return closeReason;
    }

    /** Drops the connection without a close handshake, as a crashed browser would. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .exceptionally(e -> null)
                    .join();
        }
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                bytesReceived.addAndGet(partial.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                JsonNode frame = Json.parse(partial.toString());
                if (frame instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                    object.put(RECEIVED_NANOS, System.nanoTime()); // for latency, taken as it arrives
                }
                frames.add(frame);
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            closeReason = reason;
            closedByServer = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedByServer = true;
        }
    }
}
