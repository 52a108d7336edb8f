package dev.nautilus.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.testkit.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Prometheus sees of a running platform: every engine's {@code /metrics} serves that engine's meters
 * only and the API's serves the process's once, so sums over every endpoint count each figure once; every
 * meter has HELP; every metric the Grafana dashboard and the alert rules in {@code deploy/} query is served.
 */
class MetricsEndpointsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path DEPLOY = Path.of("..", "deploy");
    /** Prometheus makes {@code up} itself, for every target it scrapes. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");

    @TempDir
    Path dataDir;

    @Test
    void everyMetricTheDashboardAndTheAlertRulesQueryIsServedOnceByARunningPlatform() throws Exception {
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start()) {
            var config = new ConfigLoader(Map.of(
                            "NAUTILUS_MARKETDATA_BUS_URL", marketData.url(),
                            "NAUTILUS_ENGINE_LOGIC_BUS_URL", engineLogic.url(),
                            "NAUTILUS_DATA_DIR", dataDir.toString()))
                    .load();
            try (Platform platform = Platform.start(config)) {
                Map<String, Integer> ports = startEverything(platform);
                platform.startReplay(ReplaySource.bitstamp(1_000), 0).get();
                String token = platform.http().tokens().read();
                // the bus monitor samples every few seconds: wait for a sample that saw the groups, and for
                // the second one, from which on the CPU is measured over an interval
                int api = ports.get(Platform.API);
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            String scrape = scrape(api, token);
                            return scrape.contains("nautilus_bus_group_lag{")
                                    && scrape.contains("command=\"xreadgroup\"")
                                    && scrape.contains("nautilus_bus_redis_cpu_ratio{");
                        });

                Map<String, String> scrapes = new LinkedHashMap<>();
                for (Map.Entry<String, Integer> port : ports.entrySet()) {
                    if (!port.getKey().equals(Platform.DASHBOARD)) {
                        scrapes.put(port.getKey(), scrape(port.getValue(), token));
                    }
                }
                assertThat(scrapes).hasSize(EngineCatalog.PLATFORM.size() + 1);

                Set<String> served = new TreeSet<>();
                Map<String, String> seriesServedBy = new HashMap<>();
                for (Map.Entry<String, String> scrape : scrapes.entrySet()) {
                    for (String line : scrape.getValue().split("\n")) {
                        if (line.isBlank() || line.startsWith("#")) {
                            continue;
                        }
                        String series = line.substring(0, line.lastIndexOf(' '));
                        served.add(series.split("[{ ]", 2)[0]);
                        String before = seriesServedBy.put(series, scrape.getKey());
                        assertThat(before)
                                .as("%s served by %s too", series, scrape.getKey())
                                .isNull();
                    }
                    assertEveryFamilyHasHelp(scrape.getKey(), scrape.getValue());
                }
                for (String engine : EngineCatalog.PLATFORM) {
                    assertThat(scrapes.get(engine))
                            .as(engine)
                            .doesNotContain("jvm_memory_used_bytes")
                            .doesNotContain("nautilus_bus_acked_total")
                            .doesNotContainPattern("engine=\"(?!" + Pattern.quote(engine) + "\")");
                }
                assertThat(scrapes.get(Platform.API))
                        .contains("jvm_memory_used_bytes{")
                        .contains("jvm_gc_memory_allocated_bytes_total")
                        .contains("jvm_threads_live_threads")
                        .contains("jvm_classes_loaded_classes")
                        .contains("process_cpu_usage")
                        .contains("process_uptime_seconds")
                        .contains("process_files_open_files")
                        .contains("nautilus_bus_redis_cpu_ratio{")
                        .contains("nautilus_bus_redis_memory_used_bytes{")
                        .doesNotContain("nautilus_engine_messages_handled_total");

                Set<String> queried = new TreeSet<>();
                for (String expr : queries()) {
                    queried.addAll(metricNames(expr));
                }
                queried.removeAll(PROMETHEUS_OWN);
                assertThat(queried)
                        .contains(
                                "nautilus_bus_redis_command_failed_total",
                                "nautilus_bus_group_lag",
                                "nautilus_engine_messages_handled_total",
                                "jvm_memory_used_bytes");
                assertThat(served).containsAll(queried);

                // under up, the buses' acks count the recorder's and the API view's too (see the test below)
                assertThat(sum(scrapes.values(), "nautilus_engine_messages_handled_total"))
                        .isPositive();
            }
        }
    }

    @Test
    void handledSummedOverEveryEngineEndpointEqualsTheBusesAcks() throws Exception {
        // the engines alone, as their processes run them: every ack on the buses is an engine's handled message
        try (Platform platform = Platform.start(new ConfigLoader(Map.of()).load(), "metrics-sum-test")) {
            Map<String, Integer> ephemeral = new HashMap<>();
            EngineCatalog.PLATFORM.forEach(name -> ephemeral.put(name, 0));
            Map<String, Integer> ports = new LinkedHashMap<>();
            platform.startEngines(EngineCatalog.PLATFORM, ephemeral, "1")
                    .forEach(s -> ports.put(s.runtime().engine().name(), s.port()));
            assertThat(ports).hasSize(14);
            platform.startReplay(ReplaySource.bitstamp(2_000), 0).get();
            String token = platform.http().tokens().read();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        List<String> scrapes = new ArrayList<>();
                        for (int port : ports.values()) {
                            scrapes.add(scrape(port, token));
                        }
                        double acked = sum(scrapes, "nautilus_bus_acked_total");
                        assertThat(acked).isGreaterThan(2_000);
                        assertThat(sum(scrapes, "nautilus_engine_messages_handled_total"))
                                .isEqualTo(acked);
                    });
        }
    }

    @Test
    void metricNamesAreTheIdentifiersThatAreNeitherFunctionsNorKeywordsNorLabels() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (engine, le) (rate(a_bucket{x=\"y{\"}[5m])))"))
                .containsExactly("a_bucket");
        assertThat(metricNames("up{job=~\"a|b\"} == 0 or max by (instance) (b_total) == 0"))
                .containsExactly("up", "b_total");
        assertThat(metricNames("deriv(c[10m]) > 0 and c > 1000 unless on(group) d offset 5m"))
                .containsExactly("c", "d");
        assertThat(metricNames("rate(e_total[$__rate_interval]) / ignoring(bus) group_left f"))
                .containsExactly("e_total", "f");
    }

    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "inf",
            "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");

    /** The metric names a PromQL expression queries: identifiers that are no function, keyword or label. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // strings first: they may hold { or [
                .replaceAll("\\{[^}]*}", "{}") // label matchers
                .replaceAll("\\[[^\\]]*\\]", "[]") // ranges, subqueries' steps
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\boffset\\s+\\w+", " ");
        Set<String> names = new java.util.LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String rest = bare.substring(m.end()).stripLeading();
            boolean function = rest.startsWith("(");
            boolean number = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!function && !number && !KEYWORDS.contains(m.group().toLowerCase())) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** Every expression of the dashboard's panels and the alert rules. */
    private static List<String> queries() throws Exception {
        List<String> exprs = new ArrayList<>();
        collectExprs(
                new ObjectMapper()
                        .readTree(DEPLOY.resolve("grafana/nautilus.json").toFile()),
                exprs);
        int dashboard = exprs.size();
        assertThat(dashboard).as("dashboard queries").isGreaterThanOrEqualTo(14);
        JsonNode rules =
                new ObjectMapper(new YAMLFactory()).readTree(Files.readString(DEPLOY.resolve("prometheus/alerts.yml")));
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                exprs.add(rule.get("expr").asText());
            }
        }
        assertThat(exprs.size() - dashboard).as("alert rules").isEqualTo(4);
        return exprs;
    }

    private static void collectExprs(JsonNode node, List<String> exprs) {
        if (node.isObject() && node.has("expr")) {
            exprs.add(node.get("expr").asText());
        }
        node.forEach(child -> collectExprs(child, exprs));
    }

    private static void assertEveryFamilyHasHelp(String endpoint, String scrape) {
        Set<String> typed = new TreeSet<>();
        Set<String> helped = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            String[] parts = line.split(" ", 4);
            if (line.startsWith("# TYPE ")) {
                typed.add(parts[2]);
            } else if (line.startsWith("# HELP ") && parts.length == 4 && !parts[3].isBlank()) {
                helped.add(parts[2]);
            }
        }
        assertThat(helped).as("families with HELP on " + endpoint).containsAll(typed);
    }

    private static double sum(Iterable<String> scrapes, String metric) {
        double total = 0;
        for (String scrape : scrapes) {
            for (String line : scrape.split("\n")) {
                if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return total;
    }

    private static Map<String, Integer> startEverything(Platform platform) {
        Map<String, Integer> ephemeral = new HashMap<>();
        EngineCatalog.PLATFORM.forEach(name -> ephemeral.put(name, 0));
        Map<String, Integer> ports = new LinkedHashMap<>();
        platform.startEngines(EngineCatalog.PLATFORM, ephemeral, "1")
                .forEach(s -> ports.put(s.runtime().engine().name(), s.port()));
        platform.startFaces(Map.of(Platform.API, 0, Platform.DASHBOARD, 0));
        ports.put(Platform.API, platform.api().orElseThrow().port());
        ports.put(Platform.DASHBOARD, platform.dashboard().orElseThrow().port());
        return ports;
    }

    private static String scrape(int port, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("/metrics on " + port).isEqualTo(200);
        return response.body();
    }
}
