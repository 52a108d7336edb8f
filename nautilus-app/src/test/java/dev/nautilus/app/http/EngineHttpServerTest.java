package dev.nautilus.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.bus.Json;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole pipeline in one process on ephemeral ports, driven over HTTP as an operator would. */
class EngineHttpServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Platform platform;
    private static Map<String, Integer> ports;

    @BeforeAll
    static void start() throws Exception {
        platform = Platform.start(new ConfigLoader(Map.of()).load(), "http-test");
        Map<String, Integer> ephemeral = new HashMap<>();
        EngineCatalog.PIPELINE.forEach(name -> ephemeral.put(name, 0));
        ports = platform.startEngines(EngineCatalog.PIPELINE, ephemeral, "1").stream()
                .collect(Collectors.toMap(s -> s.runtime().engine().name(), EngineHttpServer::port));
        platform.startReplay(ReplaySource.bitstamp(3_000), 0).get();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void everyEngineIsHealthyOnItsOwnPort() throws Exception {
        assertThat(ports.keySet()).containsExactlyInAnyOrderElementsOf(EngineCatalog.PIPELINE);
        assertThat(ports.values()).doesNotContain(0).doesNotHaveDuplicates();
        for (String engine : EngineCatalog.PIPELINE) {
            HttpResponse<String> response = get(engine, "/health");
            assertThat(response.statusCode()).as(engine).isEqualTo(200);
            JsonNode body = Json.parse(response.body());
            assertThat(body.get("status").asText()).isEqualTo("UP");
            assertThat(body.get("checks")).hasSize(3);
            assertThat(body.get("checks").get(0).get("data").has("uptimeSeconds"))
                    .isTrue();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Json.parse(get(EngineMatrix.COLLATERAL, "/health").body())
                                .get("checks")
                                .get(0)
                                .get("data")
                                .get("messagesHandled")
                                .asLong()
                        > 0);
    }

    @Test
    void metricsArePrometheusTextEachEngineWithItsOwnMeters() throws Exception {
        HttpResponse<String> response = get(EngineMatrix.RISK, "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(response.body())
                .contains("nautilus_engine_handler_latency_seconds_bucket{engine=\"risk\"")
                .doesNotContain("engine=\"features\"")
                .doesNotContain("nautilus_bus_published_total");
        // one engine per process is how engines deploy: the first engine's port serves the process's meters too
        assertThat(get(EngineCatalog.PIPELINE.get(0), "/metrics").body())
                .contains("nautilus_bus_published_total{bus=\"marketdata\"")
                .contains("nautilus_bus_acked_total{bus=\"engine_logic\"")
                .contains("nautilus_bus_dead_lettered_total")
                .contains("jvm_memory_used_bytes")
                .contains("process_cpu_usage")
                .contains("nautilus_engine_messages_handled_total{engine=\"features\",type=\"market_data\"}");
        assertThat(get(EngineMatrix.STRATEGY, "/metrics").body())
                .contains("nautilus_engine_handler_latency_seconds_bucket{engine=\"strategy\"")
                .doesNotContain("jvm_memory_used_bytes");
        assertThat(get(EngineMatrix.MARKETDATA, "/metrics").body()).contains("nautilus_marketdata_accepted_total");
    }

    @Test
    void busStatusSubscriptionsHardwareAndSnapshots() throws Exception {
        JsonNode status =
                Json.parse(get(EngineMatrix.VPIN, "/messagebus/status").body());
        assertThat(status).hasSize(2);
        assertThat(status.get(0).get("connected").asBoolean()).isTrue();
        assertThat(status.get(0).get("published").asLong()).isPositive();

        JsonNode subscriptions = Json.parse(
                get(EngineMatrix.STRATEGY, "/messagebus/subscriptions").body());
        assertThat(subscriptions.get("engine").get("subscriptions").toString()).contains("vpin.*");
        assertThat(subscriptions.get("live")).isNotEmpty(); // one per bus the types span
        assertThat(subscriptions.get("matrix")).hasSize(EngineMatrix.all().size());

        JsonNode hardware =
                Json.parse(get(EngineMatrix.PORTFOLIO, "/hardware/status").body());
        assertThat(hardware.get("availableProcessors").asInt()).isPositive();
        assertThat(hardware.toString()).doesNotContainIgnoringCase("gpu").doesNotContainIgnoringCase("neural");

        HttpResponse<String> snapshot = get(EngineMatrix.MARKETDATA, "/marketdata/snapshot/BTCUSD");
        assertThat(snapshot.statusCode()).isEqualTo(200);
        assertThat(Json.parse(snapshot.body()).get("trade").get("price").asDouble())
                .isPositive();
        assertThat(get(EngineMatrix.MARKETDATA, "/marketdata/snapshot/NOPE").statusCode())
                .isEqualTo(404);
        JsonNode hubStatus =
                Json.parse(get(EngineMatrix.MARKETDATA, "/marketdata/status").body());
        assertThat(hubStatus.get("accepted").asLong()).isEqualTo(3_000);
        assertThat(hubStatus.get("cacheHitRate").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void unknownEngineIsAClearErrorAndEveryEngineOfTheMatrixIsBuilt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EngineCatalog.create("nope"))
                .hasMessageContaining("unknown engine 'nope'");
        assertThat(EngineCatalog.PLATFORM)
                .containsExactlyInAnyOrderElementsOf(
                        EngineMatrix.all().stream().map(EngineWiring::name).toList());
        for (String name : EngineCatalog.PLATFORM) {
            assertThat(EngineCatalog.create(name).wiring().name()).isEqualTo(name);
        }
    }

    private static HttpResponse<String> get(String engine, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + ports.get(engine) + path))
                        .header(
                                "Authorization",
                                "Bearer " + platform.http().tokens().read())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
