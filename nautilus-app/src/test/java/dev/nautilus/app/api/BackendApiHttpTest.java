package dev.nautilus.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.Json;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.SubscriptionSpec;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Backend API over HTTP against a running platform (every pipeline engine, the embedded store,
 * 5,000 real Bitstamp trades replayed): the served OpenAPI document validates, every documented
 * operation answers with a documented status and a body that conforms to its documented schema,
 * and errors are JSON with a fitting status and no stack trace.
 */
class BackendApiHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String POISON_TOPIC = "test.poison.api";

    @TempDir
    static Path dataDir;

    private static Platform platform;
    private static String base;
    private static OpenAPI document;
    private static String deadLetterId;
    private static final AtomicBoolean poisoned = new AtomicBoolean(true);
    private static final AtomicInteger handledAfterReplay = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        platform = Platform.start(new ConfigLoader(Map.of("NAUTILUS_DATA_DIR", dataDir.toString())).load());
        Map<String, Integer> ephemeral = new HashMap<>();
        EngineCatalog.PLATFORM.forEach(name -> ephemeral.put(name, 0));
        platform.startEngines(EngineCatalog.PLATFORM, ephemeral, "1");
        platform.startFaces(Map.of(Platform.API, 0, Platform.DASHBOARD, 0));
        base = "http://127.0.0.1:" + platform.api().orElseThrow().port();

        // a consumer that fails until told otherwise, to make a dead letter to inspect and replay
        platform.bus()
                .subscribe(
                        new SubscriptionSpec(
                                "poison-test",
                                "poison-test-1",
                                List.of(POISON_TOPIC),
                                Set.of(MessageType.SYSTEM_COORDINATION)),
                        message -> {
                            if (poisoned.get()) {
                                throw new IllegalStateException("poisoned on purpose");
                            }
                            handledAfterReplay.incrementAndGet();
                        });
        Message poison = Message.builder(MessageType.SYSTEM_COORDINATION, POISON_TOPIC)
                .source("test")
                .payload(Map.of("n", 1))
                .build();
        platform.bus().publish(poison);

        platform.startReplay(ReplaySource.bitstamp(5_000), 0).get();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/pnl").statusCode() == 200
                        && Json.parse(get("/api/pnl").body()).get("accounts").size() > 0
                        && !platform.bus().deadLetters(Bus.ENGINE_LOGIC, 10).isEmpty());
        deadLetterId = poison.id();

        HttpResponse<String> served = get("/openapi.json");
        assertThat(served.statusCode()).isEqualTo(200);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body(), null, options);
        assertThat(parsed.getMessages()).as("OpenAPI validation messages").isEmpty();
        document = parsed.getOpenAPI();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theDocumentIsOpenApi3AndDescribesTheWholeSurface() {
        assertThat(document.getOpenapi()).startsWith("3.0");
        assertThat(document.getInfo().getTitle()).isEqualTo("Nautilus Backend API");
        assertThat(document.getPaths().keySet())
                .contains(
                        "/api/engines",
                        "/api/bus/status",
                        "/api/prices",
                        "/api/bars/{instrument}",
                        "/api/positions",
                        "/api/pnl",
                        "/api/signals",
                        "/api/vpin",
                        "/api/risk",
                        "/api/alerts",
                        "/api/dead-letters",
                        "/api/dead-letters/{bus}/{id}",
                        "/api/dead-letters/{bus}/{id}/replay");
    }

    /** One concrete request per documented operation; the test fails when the two lists drift apart. */
    private static Map<String, String> successfulRequests() {
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("GET /openapi.json", "/openapi.json");
        requests.put("GET /api/health", "/api/health");
        requests.put("GET /api/engines", "/api/engines");
        requests.put("GET /api/engines/{name}", "/api/engines/vpin");
        requests.put("GET /api/bus/status", "/api/bus/status");
        requests.put("GET /api/instruments", "/api/instruments");
        requests.put("GET /api/prices", "/api/prices");
        requests.put("GET /api/prices/{instrument}", "/api/prices/BTCUSD");
        requests.put("GET /api/bars/{instrument}", "/api/bars/BTCUSD?limit=50");
        requests.put("GET /api/positions", "/api/positions");
        requests.put("GET /api/pnl", "/api/pnl?limit=20");
        requests.put("GET /api/signals", "/api/signals?limit=20");
        requests.put("GET /api/executions", "/api/executions");
        requests.put("GET /api/vpin", "/api/vpin");
        requests.put("GET /api/vpin/{instrument}", "/api/vpin/BTCUSD");
        requests.put("GET /api/risk", "/api/risk");
        requests.put("GET /api/alerts", "/api/alerts");
        requests.put("GET /api/dead-letters", "/api/dead-letters?bus=engine_logic");
        requests.put("GET /api/dead-letters/{bus}/{id}", "/api/dead-letters/engine_logic/" + deadLetterId);
        requests.put(
                "POST /api/dead-letters/{bus}/{id}/replay",
                "/api/dead-letters/engine_logic/" + deadLetterId + "/replay");
        return requests;
    }

    @Test
    void everyDocumentedOperationAnswersAsDocumented() throws Exception {
        Map<String, String> requests = successfulRequests();
        assertThat(requests.keySet()).containsExactlyInAnyOrderElementsOf(documentedOperations());
        poisoned.set(false); // the replayed dead letter is then handled
        for (Map.Entry<String, String> request : requests.entrySet()) {
            String method = request.getKey().substring(0, request.getKey().indexOf(' '));
            HttpResponse<String> response = send(method, request.getValue());
            assertConformsToDocument(request.getKey(), response);
            assertThat(response.statusCode()).as(request.getKey()).isBetween(200, 299);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> handledAfterReplay.get() == 1);
    }

    @Test
    void theAnswersCarryThePlatformsFigures() throws Exception {
        JsonNode engines = Json.parse(get("/api/engines").body());
        assertThat(engines.get("total").asInt()).isEqualTo(EngineCatalog.PLATFORM.size());
        assertThat(engines.get("up").asInt()).isEqualTo(EngineCatalog.PLATFORM.size());

        // the replay's last trade is the 5,000th Bitstamp trade, and the view saw every one of them
        var trades = ReplaySource.bitstamp(5_000);
        JsonNode price = Json.parse(get("/api/prices/BTCUSD").body());
        assertThat(price.get("price").asDouble()).isEqualTo(trades.getLast().price());
        assertThat(price.get("trades").asLong()).isEqualTo(5_000);

        // most bars change no strategy's target: the filter keeps the few that did
        JsonNode changed =
                Json.parse(get("/api/signals?changed=true&limit=2000").body()).get("signals");
        JsonNode all = Json.parse(get("/api/signals?limit=2000").body()).get("signals");
        assertThat(changed.size()).isPositive().isLessThan(all.size());
        changed.forEach(s -> assertThat(s.at("/payload/changed").asBoolean()).isTrue());

        JsonNode bus = Json.parse(get("/api/bus/status").body());
        assertThat(bus.get("monitor").asText()).isEqualTo("in-memory");
        assertThat(bus.get("transports").get(0).get("published").asLong()).isGreaterThanOrEqualTo(5_000);

        // store bars are computed from the recorded trades: the first minute's OHLC by hand from the trades
        JsonNode stored = Json.parse(get("/api/bars/BTCUSD?source=store&interval=60&limit=2000")
                        .body())
                .get("bars");
        long firstMinute = Math.floorDiv(trades.getFirst().timestampMicros(), 60_000_000L) * 60_000_000L;
        var inFirstMinute = trades.stream()
                .filter(t -> t.timestampMicros() >= firstMinute && t.timestampMicros() < firstMinute + 60_000_000L)
                .toList();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Json.parse(get("/api/bars/BTCUSD?source=store&interval=60&limit=2000")
                                        .body())
                                .get("bars")
                                .get(0)
                                .get("startMicros")
                                .asLong()
                        == firstMinute);
        stored = Json.parse(get("/api/bars/BTCUSD?source=store&interval=60&limit=2000")
                        .body())
                .get("bars");
        assertThat(stored.get(0).get("open").asDouble())
                .isEqualTo(inFirstMinute.getFirst().price());
        assertThat(stored.get(0).get("close").asDouble())
                .isEqualTo(inFirstMinute.getLast().price());
        assertThat(stored.get(0).get("high").asDouble())
                .isEqualTo(
                        inFirstMinute.stream().mapToDouble(t -> t.price()).max().orElseThrow());
    }

    @Test
    void errorsAreJsonWithAFittingStatusAndNoStackTrace() throws Exception {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("GET /api/engines/nope", 404);
        expected.put("GET /api/prices/NOPE", 404);
        expected.put("GET /api/signals?limit=abc", 400);
        expected.put("GET /api/signals?limit=0", 400);
        expected.put("GET /api/signals?changed=maybe", 400);
        expected.put("GET /api/bars/BTCUSD?source=elsewhere", 400);
        expected.put("GET /api/dead-letters?bus=third", 400);
        expected.put("GET /api/dead-letters/engine_logic/no-such-id", 404);
        expected.put("POST /api/dead-letters/marketdata/no-such-id/replay", 404);
        expected.put("GET /api/no/such/path", 404);
        expected.put("DELETE /api/alerts", 404);
        Schema<?> error = document.getComponents().getSchemas().get("Error");
        for (Map.Entry<String, Integer> call : expected.entrySet()) {
            String[] parts = call.getKey().split(" ", 2);
            HttpResponse<String> response = send(parts[0], parts[1]);
            assertThat(response.statusCode()).as(call.getKey()).isIn(call.getValue(), 405);
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as(call.getKey())
                    .startsWith("application/json");
            assertThat(response.body()).as(call.getKey()).doesNotContain("Exception", "\tat ", "dev.nautilus");
            JsonNode body = Json.parse(response.body());
            assertThat(SchemaConformance.violations(error, body))
                    .as(call.getKey())
                    .isEmpty();
            assertThat(body.get("status").asInt()).isEqualTo(response.statusCode());
            assertThat(body.get("error").asText()).isNotBlank();
        }
    }

    @Test
    void theDashboardOriginMayCallTheApi() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/prices"))
                        .header("Origin", "http://localhost:3000")
                        .header("Authorization", "Bearer " + readToken())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");
        HttpResponse<String> preflight = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/dead-letters/engine_logic/x/replay"))
                        .header("Origin", "http://localhost:3000")
                        .header("Access-Control-Request-Method", "POST")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Methods")
                        .orElse(""))
                .contains("POST");
    }

    private static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        document.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .keySet()
                        .forEach(method -> operations.add(method.name() + " " + path)));
        return operations;
    }

    private static void assertConformsToDocument(String operationKey, HttpResponse<String> response) {
        String[] parts = operationKey.split(" ", 2);
        PathItem item = document.getPaths().get(parts[1]);
        Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(parts[0]));
        ApiResponse documented = operation.getResponses().get(String.valueOf(response.statusCode()));
        assertThat(documented)
                .as(operationKey + " answered " + response.statusCode() + ", which is not documented: "
                        + response.body())
                .isNotNull();
        Schema<?> schema = documented.getContent().get("application/json").getSchema();
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as(operationKey)
                .startsWith("application/json");
        assertThat(SchemaConformance.violations(schema, Json.parse(response.body())))
                .as(operationKey)
                .isEmpty();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(10))
                        .header(
                                "Authorization",
                                "Bearer " + platform.http().tokens().admin())
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String readToken() {
        return platform.http().tokens().read();
    }
}
