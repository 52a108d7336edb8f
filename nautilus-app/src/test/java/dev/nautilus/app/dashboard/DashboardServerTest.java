package dev.nautilus.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.security.HttpSecurity;
import dev.nautilus.bus.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard server serves the bundle built into the classpath and tells the page where the API and WebSocket are. */
class DashboardServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final HttpSecurity SECURITY = HttpSecurity.loopback();
    private static DashboardServer server;

    @BeforeAll
    static void start() {
        server = DashboardServer.start(SECURITY, 0, 18001, 18600);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Authorization", "Bearer " + SECURITY.tokens().read())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageAndItsBundle() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body())
                .contains("<script src=\"dashboard.js\"></script>", "id=\"price-chart\"", "id=\"alert-banner\"");
        HttpResponse<String> script = get("/dashboard.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        // the charting library is bundled (its CSS class names are in the script): nothing is fetched from a CDN
        assertThat(script.body()).contains("u-legend").doesNotContain("https://");
        assertThat(get("/dashboard.css").headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/css");
    }

    @Test
    void configTellsThePortsOfTheApiAndTheWebSocket() throws Exception {
        var config = Json.parse(get("/config.json").body());
        assertThat(config.get("apiPort").asInt()).isEqualTo(18001);
        assertThat(config.get("webSocketPort").asInt()).isEqualTo(18600);
    }

    @Test
    void anythingElseIsNotFound() throws Exception {
        assertThat(get("/secrets.txt").statusCode()).isEqualTo(404);
        assertThat(get("/..%2Fopenapi.json").statusCode()).isEqualTo(404);
    }
}
