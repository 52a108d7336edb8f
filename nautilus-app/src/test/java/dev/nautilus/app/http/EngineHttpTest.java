package dev.nautilus.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.NautilusConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engines' HTTP faces on a running platform, over real HTTP. */
class EngineHttpTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyEngineAnswersHealthStatusSubscriptionsMetricsAndHardware() throws Exception {
        NautilusConfig config = new ConfigLoader(Map.of("NAUTILUS_DATA_DIR", dataDir.toString())).load();
        try (Platform platform = Platform.start(config, 0, true)) {
            platform.hub().done().get(120, TimeUnit.SECONDS);
            int port = platform.httpPorts().get("marketdata");

            HttpResponse<String> health = get(port, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(health.body());
            assertThat(body.get("status").asText()).isEqualTo("UP");
            assertThat(body.get("checks").findValuesAsText("name")).contains("bus:marketdata", "bus:engine_logic", "engine:marketdata");

            JsonNode status = json.readTree(get(port, "/messagebus/status").body());
            assertThat(status).hasSize(2);
            assertThat(status.get(0).get("published").asLong()).isGreaterThanOrEqualTo(2 * 99_982L);

            JsonNode subscriptions = json.readTree(get(port, "/messagebus/subscriptions").body());
            assertThat(subscriptions.get("wiring").get("subscribes").get(0).asText()).isEqualTo("market_data.snapshot.*");
            assertThat(subscriptions.get("live").get(0).asText()).isEqualTo("marketdata-1");

            HttpResponse<String> metrics = get(port, "/metrics");
            assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            assertThat(metrics.body()).contains("nautilus_bus_published_messages_total{bus=\"marketdata\"}",
                    "nautilus_bus_connected{bus=\"engine_logic\"} 1.0", "nautilus_marketdata_rejected_total 18.0");

            JsonNode hardware = json.readTree(get(port, "/hardware/status").body());
            assertThat(hardware.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(hardware.get("accelerators")).isEmpty();

            HttpResponse<String> missing = get(port, "/nope");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(json.readTree(missing.body()).get("error").asText()).isEqualTo("not found");
        }
    }
}
