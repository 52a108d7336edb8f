package dev.nautilus.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.testkit.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An engine on real Redis buses reports DOWN with 503 when its bus's Redis dies, and UP again when it is back. */
class HealthWhenBusDownTest {

    @Test
    void healthIs503WhileABusIsDown() throws Exception {
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start();
                Platform platform = Platform.start(
                        new ConfigLoader(Map.of(
                                        "NAUTILUS_MARKETDATA_BUS_URL", marketData.url(),
                                        "NAUTILUS_ENGINE_LOGIC_BUS_URL", engineLogic.url()))
                                .load(),
                        "health-test")) {
            int port = platform.startEngines(List.of(EngineMatrix.VPIN), Map.of(EngineMatrix.VPIN, 0), "1")
                    .getFirst()
                    .port();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                    .header(
                            "Authorization",
                            "Bearer " + platform.http().tokens().read())
                    .build();
            assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);

            marketData.kill();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.body()).contains("\"status\":\"DOWN\"").contains("bus:marketdata");
            });

            marketData.restart();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> http.send(health, HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 200);
        }
    }
}
