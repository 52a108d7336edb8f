package dev.nautilus.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigException;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.app.http.EngineHttpServer;
import dev.nautilus.bus.Json;
import dev.nautilus.engines.host.EngineMatrix;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole platform (every engine, the Backend API, the dashboard) as a new user starts it, probed
 * as an attacker would: without a token, with the read token where admin is needed, with the token
 * where a cross-site page could plant it, from a foreign origin; and where its ports listen.
 */
class PlatformSecurityTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String FOREIGN = "http://evil.example";

    @TempDir
    static Path dataDir;

    private static Platform platform;
    private static final Map<String, Integer> ports = new HashMap<>();

    @BeforeAll
    static void start() {
        platform = Platform.start(new ConfigLoader(Map.of("NAUTILUS_DATA_DIR", dataDir.toString())).load());
        Map<String, Integer> ephemeral = new HashMap<>();
        EngineCatalog.PLATFORM.forEach(name -> ephemeral.put(name, 0));
        for (EngineHttpServer server : platform.startEngines(EngineCatalog.PLATFORM, ephemeral, "1")) {
            ports.put(server.runtime().engine().name(), server.port());
        }
        platform.startFaces(Map.of(Platform.API, 0, Platform.DASHBOARD, 0));
        ports.put(Platform.API, platform.api().orElseThrow().port());
        ports.put(Platform.DASHBOARD, platform.dashboard().orElseThrow().port());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void withoutATokenEveryPortAnswers401ButHealthWhichTellsOnlyUpOrDown() throws Exception {
        for (Map.Entry<String, Integer> server : ports.entrySet()) {
            String name = server.getKey();
            String path = switch (name) {
                case Platform.API -> "/api/prices";
                case Platform.DASHBOARD -> "/";
                default -> "/messagebus/status";
            };
            HttpResponse<String> refused = send("GET", server.getValue(), path, Map.of());
            assertThat(refused.statusCode()).as(name + path).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate"))
                    .as(name)
                    .contains("Bearer");
            assertThat(Json.parse(refused.body()).get("error").asText())
                    .as(name)
                    .contains("token is required");
            assertThat(send("GET", server.getValue(), path, Map.of("Authorization", "Bearer not-the-token"))
                            .statusCode())
                    .as(name)
                    .isEqualTo(401);
            assertThat(send("GET", server.getValue(), path, bearer(tokens().read()))
                            .statusCode())
                    .as(name)
                    .isEqualTo(200);
            if (!name.equals(Platform.DASHBOARD)) {
                String health = name.equals(Platform.API) ? "/api/health" : "/health";
                JsonNode open = Json.parse(
                        send("GET", server.getValue(), health, Map.of()).body());
                assertThat(open.get("status").asText()).as(name).isEqualTo("UP");
                assertThat(open.has("checks"))
                        .as(name + ": details are for token holders")
                        .isFalse();
                assertThat(Json.parse(send("GET", server.getValue(), health, bearer(tokens().read()))
                                        .body())
                                .has("checks"))
                        .as(name)
                        .isTrue();
            }
        }
        for (String path : List.of("/metrics", "/hardware/status", "/clients")) {
            assertThat(send("GET", ports.get(EngineMatrix.WEBSOCKET), path, Map.of())
                            .statusCode())
                    .as(path)
                    .isEqualTo(401);
        }
        assertThat(send("GET", ports.get(Platform.API), "/api/bus/status", Map.of())
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("GET", ports.get(Platform.API), "/openapi.json", Map.of())
                        .statusCode())
                .isEqualTo(401);
        // the process's meters on the API's port, behind the same rule as the engines' /metrics
        assertThat(send("GET", ports.get(Platform.API), "/metrics", Map.of()).statusCode())
                .isEqualTo(401);
        assertThat(send("GET", ports.get(Platform.API), "/metrics", bearer(tokens().read()))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void stateChangesNeedTheAdminTokenInTheHeader() throws Exception {
        int api = ports.get(Platform.API);
        String replay = "/api/dead-letters/engine_logic/no-such-id/replay";
        HttpResponse<String> byReader = send("POST", api, replay, bearer(tokens().read()));
        assertThat(byReader.statusCode()).isEqualTo(403);
        assertThat(byReader.body()).contains("admin token");
        // in the query string, where a link or a cross-site form could put it, the token does not count
        HttpResponse<String> byQuery = send("POST", api, replay + "?token=" + tokens().admin(), Map.of());
        assertThat(byQuery.statusCode()).isEqualTo(401);
        assertThat(byQuery.body()).contains("Authorization: Bearer");
        assertThat(send("POST", api, replay, bearer(tokens().admin())).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aForeignOriginIsRefusedEvenWithTheTokenAndTheDashboardsOwnIsAllowed() throws Exception {
        int api = ports.get(Platform.API);
        Map<String, String> foreign = new HashMap<>(bearer(tokens().admin()));
        foreign.put("Origin", FOREIGN);
        HttpResponse<String> post = send("POST", api, "/api/dead-letters/engine_logic/x/replay", foreign);
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("not allowed").contains("http.cors_origins");
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(send("GET", api, "/api/prices", foreign).statusCode()).isEqualTo(403);

        String dashboard = "http://127.0.0.1:" + ports.get(Platform.DASHBOARD);
        Map<String, String> own = new HashMap<>(bearer(tokens().read()));
        own.put("Origin", dashboard);
        HttpResponse<String> read = send("GET", api, "/api/prices", own);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).contains(dashboard);
        HttpResponse<String> preflight = send(
                "OPTIONS",
                api,
                "/api/dead-letters/engine_logic/x/replay",
                Map.of("Origin", dashboard, "Access-Control-Request-Method", "POST"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElse(""))
                .contains("Authorization");
    }

    @Test
    void theWebSocketUpgradeChecksOriginAndToken() {
        URI ws = URI.create("ws://127.0.0.1:" + ports.get(EngineMatrix.WEBSOCKET) + "/ws?token=" + tokens().read());
        assertThat(handshakeStatus(ws, Map.of("Origin", FOREIGN))).isEqualTo(403);
        assertThat(handshakeStatus(URI.create("ws://127.0.0.1:" + ports.get(EngineMatrix.WEBSOCKET) + "/ws"), Map.of()))
                .isEqualTo(401);
        assertThat(handshakeStatus(ws, Map.of("Origin", "http://localhost:" + ports.get(Platform.DASHBOARD))))
                .isEqualTo(101);
    }

    @Test
    void theDashboardKeepsThePageTokenInACookieForItsAssetsAndReadsOnly() throws Exception {
        int port = ports.get(Platform.DASHBOARD);
        HttpResponse<String> page = send("GET", port, "/?token=" + tokens().admin(), Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
        String pair = cookie.substring(0, cookie.indexOf(';'));
        assertThat(send("GET", port, "/dashboard.js", Map.of("Cookie", pair)).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", port, "/config.json", Map.of("Cookie", pair)).statusCode())
                .isEqualTo(200);
        // the cookie is the dashboard's: the API does not take it
        assertThat(send("GET", ports.get(Platform.API), "/api/prices", Map.of("Cookie", pair))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void everyServerListensOnLoopbackOnly() throws Exception {
        Process ss = new ProcessBuilder("ss", "-Htln").redirectErrorStream(true).start();
        List<String> listening =
                new String(ss.getInputStream().readAllBytes()).lines().toList();
        ss.waitFor();
        for (Map.Entry<String, Integer> server : ports.entrySet()) {
            List<String> local = new ArrayList<>();
            for (String line : listening) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length >= 4 && columns[3].endsWith(":" + server.getValue())) {
                    local.add(columns[3]);
                }
            }
            // Java may bind an IPv6 socket to the IPv4-mapped loopback address: loopback all the same
            assertThat(local)
                    .as(server.getKey())
                    .isNotEmpty()
                    .allMatch(address -> address.startsWith("127.0.0.1:") || address.startsWith("[::ffff:127.0.0.1]:"));
        }
    }

    @Test
    void exposingAPortWithoutAConfiguredTokenIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("NAUTILUS_HTTP_HOST", "0.0.0.0")).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("NAUTILUS_HTTP_HOST")
                .hasMessageContaining("NAUTILUS_API_TOKEN");
        assertThat(new ConfigLoader(Map.of(
                                "NAUTILUS_HTTP_HOST", "0.0.0.0", "NAUTILUS_API_TOKEN", "nautilus-test-secret-exposed"))
                        .load()
                        .http()
                        .host())
                .isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("NAUTILUS_API_TOKEN", "short")).load())
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("NAUTILUS_WEBSOCKET_TOKEN", "x")).load())
                .hasMessageContaining("NAUTILUS_API_TOKEN");
    }

    private static AccessTokens tokens() {
        return platform.http().tokens();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(String method, int port, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** 101 when the upgrade succeeded, else the refusal's status. */
    private static int handshakeStatus(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        headers.forEach(builder::header);
        try {
            builder.buildAsync(uri, new WebSocket.Listener() {}).join().abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }
}
