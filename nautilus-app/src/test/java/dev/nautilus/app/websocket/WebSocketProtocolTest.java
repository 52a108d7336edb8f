package dev.nautilus.app.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.bus.Json;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.MicroClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The protocol of docs/WEBSOCKET.md, spoken by a real WebSocket client to a running engine. */
class WebSocketProtocolTest {

    private static WebSocketServerFixture server;

    @BeforeAll
    static void start() {
        server = new WebSocketServerFixture(Map.of("NAUTILUS_WEBSOCKET_HEARTBEAT_MS", "300"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPatternSubscriptionReceivesMatchingMessagesAsJsonAndNothingElse() {
        try (JdkWebSocketClient client = JdkWebSocketClient.connect(server.uri())) {
            client.subscribe("market_data.trade.*", "risk.alert.var_breac?");
            server.publish(MessageType.MARKET_DATA, "market_data.bar.BTCUSD", Map.of("close", 1));
            server.publish(MessageType.RISK_METRIC, "risk.alert.var_breaches", Map.of("n", 1)); // '?' is one character
            Message trade = server.publish(
                    MessageType.MARKET_DATA,
                    "market_data.trade.BTCUSD",
                    Map.of("price", 1234.5, "size", 0.25, "side", "buy"));
            Message alert = server.publish(MessageType.RISK_METRIC, "risk.alert.var_breach", Map.of("var", 0.031));

            List<JsonNode> got = List.of(client.next(), client.next());
            JsonNode tradeFrame = got.stream()
                    .filter(f -> f.get("topic").asText().startsWith("market_data"))
                    .findFirst()
                    .orElseThrow();
            assertThat(tradeFrame.get("type").asText()).isEqualTo("message");
            assertThat(tradeFrame.get("topic").asText()).isEqualTo("market_data.trade.BTCUSD");
            assertThat(tradeFrame.get("message_type").asText()).isEqualTo("market_data");
            assertThat(tradeFrame.get("priority").asText()).isEqualTo("normal");
            assertThat(tradeFrame.get("source_engine").asText()).isEqualTo("test");
            assertThat(tradeFrame.get("id").asText()).isEqualTo(trade.id());
            assertThat(Math.round(tradeFrame.get("timestamp").asDouble() * 1e6)).isEqualTo(trade.timestampMicros());
            assertThat(tradeFrame.get("payload").isObject()).isTrue();
            assertThat(tradeFrame.get("payload").get("price").asDouble()).isEqualTo(1234.5);
            assertThat(tradeFrame.get("payload").get("side").asText()).isEqualTo("buy");
            JsonNode alertFrame = got.stream()
                    .filter(f -> f.get("topic").asText().startsWith("risk"))
                    .findFirst()
                    .orElseThrow();
            assertThat(alertFrame.get("id").asText()).isEqualTo(alert.id());
            assertThat(alertFrame.get("message_type").asText()).isEqualTo("risk_metric");

            // nothing else arrived: a ping is answered after anything already queued for this client
            client.send("{\"op\":\"ping\"}");
            assertThat(client.next().get("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void aClientMatchingByTwoPatternsGetsEachMessageOnce() {
        try (JdkWebSocketClient client = JdkWebSocketClient.connect(server.uri())) {
            client.subscribe("strategy.*", "strategy.signal.*", "*");
            Message signal =
                    server.publish(MessageType.STRATEGY_SIGNAL, "strategy.signal.ma_cross", Map.of("side", "long"));
            assertThat(client.next().get("id").asText()).isEqualTo(signal.id());
            client.send("{\"op\":\"ping\"}");
            assertThat(client.next().get("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void unsubscribeStopsTheMessagesOfThosePatternsOnly() {
        try (JdkWebSocketClient client = JdkWebSocketClient.connect(server.uri())) {
            client.subscribe("portfolio.update.*", "portfolio.marker.*");
            server.publish(MessageType.PORTFOLIO_UPDATE, "portfolio.update.paper", Map.of("equity", 1));
            assertThat(client.next().get("topic").asText()).isEqualTo("portfolio.update.paper");

            client.send("{\"op\":\"unsubscribe\",\"patterns\":[\"portfolio.update.*\"]}");
            JsonNode ack = client.next();
            assertThat(ack.get("type").asText()).isEqualTo("unsubscribed");
            assertThat(ack.get("patterns").get(0).asText()).isEqualTo("portfolio.update.*");
            // same type, same stream, same client lane: delivered in order, so the marker proves the update was not
            // sent
            server.publish(MessageType.PORTFOLIO_UPDATE, "portfolio.update.paper", Map.of("equity", 2));
            server.publish(MessageType.PORTFOLIO_UPDATE, "portfolio.marker.end", Map.of());
            assertThat(client.next().get("topic").asText()).isEqualTo("portfolio.marker.end");
        }
    }

    @Test
    void badInputIsAnsweredWithAnErrorAndTheConnectionStaysOpen() {
        try (JdkWebSocketClient client = JdkWebSocketClient.connect(server.uri())) {
            Map<String, String> cases = Map.of(
                    "{not json", "not valid JSON",
                    "[1,2]", "must be a JSON object",
                    "{\"op\":\"dance\"}", "unknown op 'dance'",
                    "{\"patterns\":[\"a.*\"]}", "no \"op\"",
                    "{\"op\":\"subscribe\"}", "non-empty array",
                    "{\"op\":\"subscribe\",\"patterns\":[\"bad pattern\"]}", "whitespace",
                    "{\"op\":\"subscribe\",\"patterns\":[7]}", "is not a string");
            for (Map.Entry<String, String> bad : cases.entrySet()) {
                client.send(bad.getKey());
                JsonNode error = client.next();
                assertThat(error.get("type").asText()).as(bad.getKey()).isEqualTo("error");
                assertThat(error.get("error").asText()).as(bad.getKey()).contains(bad.getValue());
            }
            client.send("{\"op\":\"ping\"}");
            assertThat(client.next().get("type").asText()).isEqualTo("pong");
            client.subscribe("market_data.quote.*");
            Message quote = server.publish(MessageType.MARKET_DATA, "market_data.quote.ETHUSD", Map.of("bid", 1));
            assertThat(client.next().get("id").asText()).isEqualTo(quote.id());
        }
    }

    @Test
    void heartbeatsArriveAtTheConfiguredIntervalWithTheCurrentTime() {
        try (JdkWebSocketClient client = JdkWebSocketClient.connect(server.uri())) {
            long before = MicroClock.nowMicros();
            JsonNode first = client.next(f -> f.get("type").asText().equals("heartbeat"));
            JsonNode second = client.next(f -> f.get("type").asText().equals("heartbeat"));
            double firstTime = first.get("time").asDouble();
            double secondTime = second.get("time").asDouble();
            assertThat(firstTime * 1e6).isBetween(before - 1e6, MicroClock.nowMicros() + 1e3);
            // 300 ms apart, give or take scheduling on a busy machine
            assertThat(secondTime - firstTime).isBetween(0.2, 1.5);
        }
    }

    @Test
    void reconnectingClientResubscribesAndTheServerForgetsTheOldConnection() throws Exception {
        // Counted by the pattern only this test uses: other tests' clients may still be leaving.
        String pattern = "collateral.margin.*";
        JdkWebSocketClient first = JdkWebSocketClient.connect(server.uri());
        first.subscribe(pattern);
        server.publish(MessageType.COLLATERAL_UPDATE, "collateral.margin.paper", Map.of("utilisation", 0.1));
        assertThat(first.next().get("topic").asText()).isEqualTo("collateral.margin.paper");
        assertThat(holders(pattern)).isEqualTo(1);
        first.abort(); // the connection drops without a close handshake

        await().atMost(Duration.ofSeconds(10)).until(() -> holders(pattern) == 0);
        try (JdkWebSocketClient second = JdkWebSocketClient.connect(server.uri())) {
            second.subscribe(pattern);
            Message next = server.publish(
                    MessageType.COLLATERAL_UPDATE, "collateral.margin.paper", Map.of("utilisation", 0.2));
            assertThat(second.next().get("id").asText()).isEqualTo(next.id());
            JsonNode mine = null;
            for (JsonNode c : Json.parse(get("/clients").body()).get("clients")) {
                if (c.get("patterns").toString().contains(pattern)) {
                    assertThat(mine)
                            .as("only the new connection holds the pattern")
                            .isNull();
                    mine = c;
                }
            }
            assertThat(mine).isNotNull();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.engine.clients(10_000).stream()
                                    .filter(c -> c.patterns().contains(pattern))
                                    .findFirst()
                                    .orElseThrow()
                                    .messages()
                            == 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> holders(pattern) == 0);
    }

    private static long holders(String pattern) {
        return server.engine.clients(10_000).stream()
                .filter(c -> c.patterns().contains(pattern))
                .count();
    }

    @Test
    void clientsEndpointAndMetricsCountMessagesAndBytes() throws Exception {
        try (JdkWebSocketClient client = JdkWebSocketClient.connect(server.uri())) {
            client.subscribe("analytics.result.*");
            for (int i = 0; i < 3; i++) {
                server.publish(MessageType.ANALYTICS_RESULT, "analytics.result.sharpe", Map.of("i", i));
            }
            for (int i = 0; i < 3; i++) {
                assertThat(client.next().get("payload").get("i").asInt()).isEqualTo(i);
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> stats("analytics.result.*").messages() == 3);
            assertThat(stats("analytics.result.*").dropped()).isZero();
            // the server counts every byte it wrote: the client's own count of what it received agrees
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> stats("analytics.result.*").bytes() == client.bytesReceived());
            String metrics = get("/metrics").body();
            assertThat(metrics)
                    .contains("nautilus_websocket_clients")
                    .contains("nautilus_websocket_messages_sent_total")
                    .contains("nautilus_websocket_sent_bytes_total")
                    .contains("nautilus_websocket_dropped_total");
            assertThat(get("/clients?limit=x").statusCode()).isEqualTo(400);
        }
    }

    private static ClientConnection.ClientStats stats(String pattern) {
        return server.engine.clients(10_000).stream()
                .filter(c -> c.patterns().contains(pattern))
                .findFirst()
                .orElseThrow();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(server.http(path))
                                .header("Authorization", "Bearer " + server.readToken())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static final String SECRET = "nautilus-test-secret-ws-token";

    @Test
    void theUpgradeIsRefusedWith401UnlessTheTokenIsGiven() {
        try (WebSocketServerFixture secured = new WebSocketServerFixture(Map.of("NAUTILUS_API_TOKEN", SECRET))) {
            for (URI refused : List.of(secured.bareUri(), URI.create(secured.bareUri() + "?token=wrong"))) {
                assertThatThrownBy(() -> JdkWebSocketClient.connect(refused))
                        .isInstanceOf(CompletionException.class)
                        .cause()
                        .isInstanceOf(WebSocketHandshakeException.class)
                        .satisfies(e -> assertThat(((WebSocketHandshakeException) e)
                                        .getResponse()
                                        .statusCode())
                                .isEqualTo(401));
            }
            assertThatThrownBy(
                            () -> JdkWebSocketClient.connect(secured.bareUri(), Map.of("Authorization", "Bearer nope")))
                    .cause()
                    .isInstanceOf(WebSocketHandshakeException.class);
            try (JdkWebSocketClient byQuery =
                            JdkWebSocketClient.connect(URI.create(secured.bareUri() + "?token=" + SECRET));
                    JdkWebSocketClient byHeader = JdkWebSocketClient.connect(
                            secured.bareUri(), Map.of("Authorization", "Bearer " + secured.readToken()))) {
                byQuery.subscribe("risk.*");
                byHeader.subscribe("risk.*");
                Message alert = secured.publish(MessageType.RISK_METRIC, "risk.alert.drawdown", Map.of("dd", 0.2));
                assertThat(byQuery.next().get("id").asText()).isEqualTo(alert.id());
                assertThat(byHeader.next().get("id").asText()).isEqualTo(alert.id());
            }
        }
    }
}
