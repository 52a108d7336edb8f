package dev.nautilus.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.bus.Json;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.testkit.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The API on real Redis buses (three redis-server processes of the test's own: MarketData bus,
 * Engine Logic bus, main Redis), with the engines on a platform of their own as a separate process
 * would run them: bus status carries the bus monitor's reading of each Redis, a dead letter on a
 * Redis dead-letter stream is inspected and replayed over HTTP, and engine health is asked from
 * each engine's own port.
 */
class BackendApiOnRedisTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Configured, as separate processes would share it. */
    private static final String TOKEN = "nautilus-test-secret-api-token";

    @Test
    void busStatusReadsEachRedisAndDeadLettersReplayFromTheirStream() throws Exception {
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start();
                RedisServer main = RedisServer.start()) {
            var config = new ConfigLoader(Map.of(
                            "NAUTILUS_MARKETDATA_BUS_URL", marketData.url(),
                            "NAUTILUS_ENGINE_LOGIC_BUS_URL", engineLogic.url(),
                            "NAUTILUS_MAIN_REDIS_URL", main.url(),
                            "NAUTILUS_MAX_DELIVERIES", "2",
                            "NAUTILUS_API_TOKEN", TOKEN))
                    .load();
            // engines and API as separate platforms with their own connections, as separate processes would be
            try (Platform engines = Platform.start(config, "engines-test");
                    Platform platform = Platform.start(config, "api-redis-test")) {
                Map<String, Integer> enginePorts = new java.util.HashMap<>();
                engines.startEngines(
                                List.of(EngineMatrix.MARKETDATA, EngineMatrix.VPIN),
                                Map.of(EngineMatrix.MARKETDATA, 0, EngineMatrix.VPIN, 0),
                                "1")
                        .forEach(server ->
                                enginePorts.put(server.runtime().engine().name(), server.port()));
                Map<String, Integer> facePorts = new java.util.HashMap<>(enginePorts);
                facePorts.put(Platform.API, 0);
                facePorts.put(Platform.DASHBOARD, 0);
                platform.startFaces(facePorts);
                String base = "http://127.0.0.1:" + platform.api().orElseThrow().port();

                AtomicBoolean poisoned = new AtomicBoolean(true);
                AtomicInteger handled = new AtomicInteger();
                platform.bus()
                        .subscribe(
                                new SubscriptionSpec(
                                        "poison-test",
                                        "poison-test-1",
                                        List.of("test.poison.redis"),
                                        Set.of(MessageType.SYSTEM_COORDINATION)),
                                message -> {
                                    if (poisoned.get()) {
                                        throw new IllegalStateException("poisoned on purpose");
                                    }
                                    handled.incrementAndGet();
                                });
                platform.bus()
                        .publish(Message.builder(MessageType.SYSTEM_COORDINATION, "test.poison.redis")
                                .source("test")
                                .payload(Map.of("n", 7))
                                .build());
                engines.startReplay(ReplaySource.bitstamp(2_000), 0).get();

                // the view caught up with every replayed trade
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> Json.parse(get(base + "/api/prices").body())
                                        .at("/prices/0/trades")
                                        .asLong()
                                == 2_000);

                JsonNode status = Json.parse(get(base + "/api/bus/status").body());
                assertThat(status.get("monitor").asText()).isEqualTo("redis");
                JsonNode redis = status.get("redis");
                assertThat(StreamSupport.stream(redis.spliterator(), false)
                                .map(r -> r.get("bus").asText()))
                        .containsExactly("marketdata", "engine_logic", "main");
                for (JsonNode server : redis) {
                    assertThat(server.get("reachable").asBoolean())
                            .as(server.get("bus").asText())
                            .isTrue();
                    assertThat(server.get("failed_calls_total").asLong())
                            .as("failed calls on " + server.get("bus").asText())
                            .isZero();
                }
                JsonNode marketDataRedis = redis.get(0);
                assertThat(marketDataRedis.get("connected_clients").asLong()).isPositive();
                JsonNode tradesStream = StreamSupport.stream(
                                marketDataRedis.get("streams").spliterator(), false)
                        .filter(s -> s.get("key").asText().equals("nautilus:marketdata:market_data"))
                        .findFirst()
                        .orElseThrow();
                assertThat(tradesStream.get("length").asLong()).isGreaterThanOrEqualTo(2_000);
                assertThat(StreamSupport.stream(tradesStream.get("groups").spliterator(), false)
                                .map(g -> g.get("name").asText()))
                        .contains(LiveView.GROUP, EngineMatrix.VPIN);
                // the platform's connections are named after it on the buses; on the main Redis only the monitor's own
                assertThat(marketDataRedis.get("clients_by_engine").has("api-redis-test"))
                        .as(marketDataRedis.get("clients_by_engine").toString())
                        .isTrue();
                assertThat(marketDataRedis.get("clients_by_engine").has("engines-test"))
                        .isTrue();
                assertThat(redis.get(2).get("clients_by_engine").fieldNames())
                        .toIterable()
                        .containsOnly("monitor");

                await().atMost(Duration.ofSeconds(30))
                        .until(() -> Json.parse(get(base + "/api/dead-letters?bus=engine_logic")
                                                .body())
                                        .get("deadLetters")
                                        .size()
                                == 1);
                JsonNode letter = Json.parse(
                                get(base + "/api/dead-letters?bus=engine_logic").body())
                        .at("/deadLetters/0");
                assertThat(letter.get("group").asText()).isEqualTo("poison-test");
                assertThat(letter.get("reason").asText()).contains("poisoned on purpose");
                String id = letter.get("originalId").asText();
                assertThat(Json.parse(get(base + "/api/dead-letters/engine_logic/" + id)
                                        .body())
                                .at("/envelope/topic")
                                .asText())
                        .isEqualTo("test.poison.redis");

                poisoned.set(false);
                HttpResponse<String> replayed = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/dead-letters/engine_logic/" + id + "/replay"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(202);
                assertThat(Json.parse(replayed.body()).get("bus").asText()).isEqualTo("engine_logic");
                await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 1);

                // health is asked from each engine's own port: the two running elsewhere are UP, the rest honestly
                // unreachable
                JsonNode health = Json.parse(get(base + "/api/engines").body());
                assertThat(health.get("up").asInt()).isEqualTo(2);
                for (JsonNode engine : health.get("engines")) {
                    String name = engine.get("name").asText();
                    assertThat(engine.get("status").asText())
                            .as(name)
                            .isEqualTo(enginePorts.containsKey(name) ? "UP" : "UNREACHABLE");
                }
            }
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
