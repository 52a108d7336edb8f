package dev.nautilus.app.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.bus.Json;
import dev.nautilus.bus.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What one client may cost the server is bounded, and an abusive client does not slow the others:
 * patterns per client and per pattern, requests a second, clients per address, silence.
 */
class WebSocketLimitsTest {

    private static final int PROBES = 200;

    @Test
    void tenThousandPatternsFromOneClientAreRefusedPastTheCapWhileAnotherClientsP99StaysUnder100Ms() throws Exception {
        try (WebSocketServerFixture server =
                        new WebSocketServerFixture(Map.of("NAUTILUS_WEBSOCKET_REQUESTS_PER_SECOND", "1000"));
                JdkWebSocketClient abuser = JdkWebSocketClient.connect(server.uri());
                JdkWebSocketClient observer = JdkWebSocketClient.connect(server.uri())) {
            observer.subscribe("latency.*");
            double baseline = p99(probe(server, observer));
            AtomicBoolean refusedPastCap = new AtomicBoolean();
            Thread flood = Thread.ofPlatform().start(() -> {
                for (int request = 0; request < 40; request++) { // 40 × 250 = 10,000 patterns
                    int first = request * 250;
                    List<String> patterns = IntStream.range(first, first + 250)
                            .mapToObj(i -> "abuse." + i + ".*")
                            .toList();
                    abuser.send(Json.write(Map.of("op", "subscribe", "patterns", patterns)));
                }
            });
            long[] latencies = probe(server, observer);
            flood.join();
            List<JsonNode> answers = new ArrayList<>(abuser.drain());
            for (JsonNode frame : answers) {
                if (frame.path("type").asText().equals("error")
                        && frame.path("error").asText().contains("at most 1000 patterns")) {
                    refusedPastCap.set(true);
                }
            }
            assertThat(refusedPastCap).as(answers.toString()).isTrue();
            assertThat(server.engine.clients(10).stream()
                            .mapToInt(c -> c.patterns().size())
                            .max()
                            .orElseThrow())
                    .isEqualTo(1_000);
            assertThat(p99(latencies))
                    .as(
                            "observer's p99 in ms while the other client subscribed 10,000 patterns"
                                    + " (alone, in the same run: %.1f ms)",
                            baseline)
                    .isLessThan(100.0);
        }
    }

    @Test
    void aThousandSubscribeRequestsASecondAreRateLimitedWithoutMovingTheOthersP99() throws Exception {
        try (WebSocketServerFixture server = new WebSocketServerFixture(Map.of());
                JdkWebSocketClient abuser = JdkWebSocketClient.connect(server.uri());
                JdkWebSocketClient observer = JdkWebSocketClient.connect(server.uri())) {
            observer.subscribe("latency.*");
            double baseline = p99(probe(server, observer));
            AtomicBoolean stop = new AtomicBoolean();
            Thread flood = Thread.ofPlatform().start(() -> {
                long due = System.nanoTime();
                for (int i = 0; !stop.get(); i++) {
                    String op = i % 2 == 0 ? "subscribe" : "unsubscribe";
                    abuser.send("{\"op\":\"" + op + "\",\"patterns\":[\"latency.*\",\"abuse.*\"]}");
                    // 1,000 a second, never more: a flood that fell behind on a loaded machine does not
                    // catch up in a burst, which would make this thread, not the server, the load measured
                    due = Math.max(due + 1_000_000L, System.nanoTime());
                    java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                }
            });
            long[] latencies;
            try {
                latencies = probe(server, observer);
            } finally {
                stop.set(true);
                flood.join();
            }
            assertThat(server.engine.counters().rateLimited())
                    .as("requests refused over 50 a second")
                    .isPositive();
            assertThat(abuser.drain()).anyMatch(f -> f.path("error").asText().contains("requests a second"));
            assertThat(p99(latencies))
                    .as(
                            "observer's p99 in ms under 1,000 requests a second from another client"
                                    + " (alone, in the same run: %.1f ms)",
                            baseline)
                    .isLessThan(100.0);
        }
    }

    @Test
    void aPatternLongerThanTheBoundIsRefusedBeforeItIsCompiled() {
        try (WebSocketServerFixture server = new WebSocketServerFixture(Map.of());
                JdkWebSocketClient client = JdkWebSocketClient.connect(server.uri())) {
            client.send("{\"op\":\"subscribe\",\"patterns\":[\"" + "a".repeat(300) + "\"]}");
            assertThat(client.next().get("error").asText()).contains("at most 256 characters");
        }
    }

    @Test
    void clientsPastThePerAddressBoundAreClosedWithTheReason() throws Exception {
        try (WebSocketServerFixture server =
                        new WebSocketServerFixture(Map.of("NAUTILUS_WEBSOCKET_MAX_CLIENTS_PER_ADDRESS", "2"));
                JdkWebSocketClient first = JdkWebSocketClient.connect(server.uri());
                JdkWebSocketClient second = JdkWebSocketClient.connect(server.uri());
                JdkWebSocketClient third = JdkWebSocketClient.connect(server.uri())) {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.engine.counters().refused() == 1);
            // The JDK's client sometimes misses a close frame sent right after the handshake, and then
            // did not always notice the server dropping it a second later either (CI, 2026-12-07, 10 s
            // without either): what the server sends is checked over a bare socket below, and the drop
            // of a client that never answers it in aRefusedClientThatNeverAnswersTheCloseFrame….
            if (third.closeCode() != -1) {
                assertThat(third.closeCode()).isEqualTo(1013);
                assertThat(third.closeReason()).contains("at most 2 clients per address");
            }
            RawWebSocket.Close refusal = RawWebSocket.firstFrameAsClose(server.uri());
            assertThat(refusal.code()).isEqualTo(1013);
            assertThat(refusal.reason()).isEqualTo("at most 2 clients per address");
            assertThat(first.closedByServer()).isFalse();
            second.subscribe("risk.*"); // the admitted ones work
            assertThat(server.engine.counters().refused()).isEqualTo(2);
            assertThat(server.engine.clientCount()).isEqualTo(2);
        }
    }

    @Test
    void aRefusedClientThatNeverAnswersTheCloseFrameIsDroppedWithinTheGrace() throws Exception {
        try (WebSocketServerFixture server =
                        new WebSocketServerFixture(Map.of("NAUTILUS_WEBSOCKET_MAX_CLIENTS_PER_ADDRESS", "1"));
                JdkWebSocketClient admitted = JdkWebSocketClient.connect(server.uri())) {
            long start = System.nanoTime();
            assertThat(RawWebSocket.closeThenEnd(server.uri()).code()).isEqualTo(1013);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("dropped after the close frame went unanswered")
                    .isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aClientThatSendsNothingIsDisconnectedAfterTheIdleTimeoutAndAPingingOneStays() throws Exception {
        try (WebSocketServerFixture server = new WebSocketServerFixture(Map.of(
                        "NAUTILUS_WEBSOCKET_IDLE_TIMEOUT_MS", "1500", "NAUTILUS_WEBSOCKET_HEARTBEAT_MS", "100"));
                JdkWebSocketClient silent = JdkWebSocketClient.connect(server.uri());
                JdkWebSocketClient pinging = JdkWebSocketClient.connect(server.uri())) {
            long until = System.nanoTime() + Duration.ofMillis(3_000).toNanos();
            while (System.nanoTime() < until) {
                pinging.send("{\"op\":\"ping\"}");
                Thread.sleep(100);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> silent.closeCode() != -1);
            assertThat(silent.closeCode()).isEqualTo(1008);
            assertThat(silent.closeReason()).contains("nothing received");
            assertThat(pinging.closedByServer()).isFalse();
            assertThat(server.engine.counters().idleDisconnects()).isEqualTo(1);
        }
    }

    /** Publishes {@value #PROBES} messages at 100 a second; the observer's delivery latencies in ns. */
    private static long[] probe(WebSocketServerFixture server, JdkWebSocketClient observer)
            throws InterruptedException {
        long[] sentAt = new long[PROBES];
        for (int i = 0; i < PROBES; i++) {
            sentAt[i] = System.nanoTime();
            server.publish(MessageType.SYSTEM_COORDINATION, "latency.probe", Map.of("n", i));
            Thread.sleep(10);
        }
        long[] latencies = new long[PROBES];
        for (int i = 0; i < PROBES; i++) {
            JsonNode frame = observer.next(f -> f.path("topic").asText().equals("latency.probe"));
            int n = frame.get("payload").get("n").asInt();
            latencies[n] = frame.get(JdkWebSocketClient.RECEIVED_NANOS).asLong() - sentAt[n];
        }
        return latencies;
    }

    private static double p99(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1e6;
    }
}
