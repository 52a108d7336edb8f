package dev.nautilus.app.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.bus.Json;
import dev.nautilus.bus.MessageType;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The slow-client policy against real sockets: a client that stops reading costs the server a
 * bounded queue, is disconnected after the timeout, and never slows a fast client down; a client
 * that reads late learns how many messages it missed.
 */
class WebSocketSlowClientTest {

    private static final int MAX_FRAMES = 50;
    private static final int MAX_BYTES = 1 << 20;
    private static final String BLOB = "x".repeat(8_000);

    private static Map<String, String> policy(long timeoutMillis) {
        return Map.of(
                "NAUTILUS_WEBSOCKET_MAX_QUEUED_FRAMES",
                String.valueOf(MAX_FRAMES),
                "NAUTILUS_WEBSOCKET_MAX_QUEUED_BYTES",
                String.valueOf(MAX_BYTES),
                "NAUTILUS_WEBSOCKET_SLOW_CLIENT_TIMEOUT_MS",
                String.valueOf(timeoutMillis));
    }

    @Test
    void aClientThatStopsReadingIsBoundedThenDisconnectedWhileAFastClientGetsEverything() throws Exception {
        try (WebSocketServerFixture server = new WebSocketServerFixture(policy(1_500));
                JdkWebSocketClient fast = JdkWebSocketClient.connect(server.uri());
                RawWebSocketClient stalled = new RawWebSocketClient(server.port, server.readToken(), 4_096)) {
            // The stalled client subscribes first and is told apart as the only subscriber at that
            // moment: the registry's listing order says nothing about which connection is which.
            stalled.sendText("{\"op\":\"subscribe\",\"patterns\":[\"market_data.trade.*\"]}");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.engine.clients(10).stream()
                                    .filter(c -> !c.patterns().isEmpty())
                                    .count()
                            == 1);
            String stalledId = server.engine.clients(10).stream()
                    .filter(c -> !c.patterns().isEmpty())
                    .findFirst()
                    .orElseThrow()
                    .id();
            fast.subscribe("market_data.trade.*");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.engine.clients(10).stream()
                                    .filter(c -> !c.patterns().isEmpty())
                                    .count()
                            == 2);

            int published = 0;
            long maxQueuedFrames = 0;
            long maxQueuedBytes = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.engine.counters().slowDisconnects() == 0 && System.nanoTime() < deadline) {
                for (int i = 0; i < 20; i++) {
                    server.publish(
                            MessageType.MARKET_DATA,
                            "market_data.trade.BTCUSD",
                            Map.of("seq", published++, "blob", BLOB));
                }
                for (ClientConnection.ClientStats c : server.engine.clients(10)) {
                    if (c.id().equals(stalledId)) {
                        maxQueuedFrames = Math.max(maxQueuedFrames, c.queuedFrames());
                        maxQueuedBytes = Math.max(maxQueuedBytes, c.queuedBytes());
                    }
                }
                // the fast client reads everything as it comes, in order (so it never holds more than 20 frames)
                for (int seq = published - 20; seq < published; seq++) {
                    JsonNode frame = fast.next();
                    assertThat(frame.get("type").asText()).isEqualTo("message");
                    assertThat(frame.get("payload").get("seq").asInt()).isEqualTo(seq);
                }
            }
            assertThat(server.engine.counters().slowDisconnects())
                    .as("stalled client disconnected")
                    .isEqualTo(1);
            assertThat(maxQueuedFrames).isLessThanOrEqualTo(MAX_FRAMES).isPositive();
            assertThat(maxQueuedBytes).isLessThanOrEqualTo(MAX_BYTES + 9_000);
            assertThat(server.engine.counters().dropped()).isPositive();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.engine.clientCount() == 1);

            assertThat(server.engine.clients(10).getFirst().dropped())
                    .as("the fast client lost nothing")
                    .isZero();
            assertThat(stalled.readUntilClosed())
                    .as("the stalled socket finds the connection closed once it reads")
                    .isTrue();
        }
    }

    @Test
    void aClientThatReadsLateIsToldExactlyHowManyMessagesItMissed() throws Exception {
        int messages = 3_000;
        try (WebSocketServerFixture server = new WebSocketServerFixture(policy(600_000));
                RawWebSocketClient late = new RawWebSocketClient(server.port, server.readToken(), 4_096)) {
            late.sendText("{\"op\":\"subscribe\",\"patterns\":[\"market_data.*\"]}");
            assertThat(late.readText()).contains("subscribed");
            for (int seq = 0; seq < messages; seq++) {
                server.publish(MessageType.MARKET_DATA, "market_data.trade.ETHUSD", Map.of("seq", seq, "blob", BLOB));
            }
            long received = 0;
            long reportedDropped = 0;
            int lastSeq = -1;
            while (received + reportedDropped < messages) {
                JsonNode frame = Json.parse(late.readText());
                switch (frame.get("type").asText()) {
                    case "message" -> {
                        int seq = frame.get("payload").get("seq").asInt();
                        assertThat(seq).as("in order, gaps only where dropped").isGreaterThan(lastSeq);
                        lastSeq = seq;
                        received++;
                    }
                    case "dropped" -> reportedDropped += frame.get("count").asLong();
                    default -> {}
                }
            }
            assertThat(received + reportedDropped).isEqualTo(messages);
            assertThat(reportedDropped).as("the policy dropped some").isPositive();
            ClientConnection.ClientStats stats = server.engine.clients(10).getFirst();
            assertThat(stats.dropped()).isEqualTo(reportedDropped);
            assertThat(stats.messages()).isEqualTo(received);
        }
    }
}
