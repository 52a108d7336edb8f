package dev.nautilus.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.Json;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.testkit.RedisCluster;
import dev.nautilus.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege on real Redis: two redis-server processes load the file {@code ./nautilus acl}
 * writes, with the default user off. Every engine runs on a platform of its own (its own
 * connections, as its own process would), connecting as its own user from the shared secret, and
 * the API and its bus monitor as theirs. The replays go through the hub, every engine's output
 * arrives and Redis refuses nothing; then, with each engine's credentials, writing a type it does
 * not publish is refused with {@code NOPERM}.
 */
class RedisAclOnRedisTest {

    private static final String SECRET = "nautilus-test-secret-bus-acl-0123456789";
    private static final String ADMIN = "nautilus-test-admin";
    private static final String ADMIN_PASSWORD = "nautilus-test-secret-admin-password";
    /** The test's administrator, first in each file: the generated file turns the default user off. */
    private static final String ADMIN_LINE = "user " + ADMIN + " on >" + ADMIN_PASSWORD + " ~* &* +@all\n";
    /** Redis's own default, for the start: the fixture waits for an unauthenticated PING. */
    private static final String OPEN_DEFAULT = "user default on nopass ~* &* +@all\n";

    private static final String API_TOKEN = "nautilus-test-secret-acl-api-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final RoutingTable ROUTING = RoutingTable.defaults();

    /** Replies on request only (hub snapshots, backtests) or nothing at all (WebSocket): no output to expect. */
    private static final Set<String> SILENT_UNLESS_ASKED = Set.of(EngineMatrix.BACKTESTING, EngineMatrix.WEBSOCKET);

    @TempDir
    Path directory;

    @Test
    void everyEngineWorksAsItsOwnUserAndIsRefusedOutsideItsStreams() throws Exception {
        Path aclFile = directory.resolve("users.acl");
        Files.writeString(aclFile, OPEN_DEFAULT);
        BusAclSecret secret = BusAclSecret.of(SECRET);
        try (RedisServer marketData = RedisServer.start("--aclfile", aclFile.toString());
                RedisServer engineLogic = RedisServer.start("--aclfile", aclFile.toString());
                Admin marketDataAdmin = new Admin(marketData);
                Admin engineLogicAdmin = new Admin(engineLogic)) {
            load(aclFile, ADMIN_LINE + new RedisAcl(ROUTING, Set.of()).file(secret), marketData, engineLogic);
            assertThat(marketData.command("PING")).as("the default user is off").startsWith("-NOAUTH");
            List<Admin> admins = List.of(marketDataAdmin, engineLogicAdmin);
            admins.forEach(Admin::open);
            admins.forEach(admin -> admin.redis().configResetstat()); // the NOAUTH just provoked is not the run's

            NautilusConfig config = new ConfigLoader(Map.of(
                            "NAUTILUS_MARKETDATA_BUS_URL",
                            marketData.url(),
                            "NAUTILUS_ENGINE_LOGIC_BUS_URL",
                            engineLogic.url(),
                            "NAUTILUS_BUS_ACL_SECRET",
                            SECRET,
                            "NAUTILUS_API_TOKEN",
                            API_TOKEN))
                    .load();
            List<Platform> platforms = new ArrayList<>();
            try {
                Platform api = Platform.start(config, BusUsers.API_IDENTITY);
                platforms.add(api);
                api.startFaces(Map.of(Platform.API, 0, Platform.DASHBOARD, 0, EngineMatrix.WEBSOCKET, 0));
                Platform hub = null;
                for (EngineWiring engine : EngineMatrix.all()) {
                    Platform platform = Platform.start(config, engine.name());
                    platforms.add(platform);
                    platform.startEngines(List.of(engine.name()), Map.of(engine.name(), 0), "1");
                    if (engine.name().equals(EngineMatrix.MARKETDATA)) {
                        hub = platform;
                    }
                }
                assertThat(hub.startReplay(ReplaySource.bitstamp(20_000), 0).get(120, TimeUnit.SECONDS))
                        .isEqualTo(20_000);
                assertThat(hub.startReplay(ReplaySource.syntheticReferences(8), ReplaySource.synthetic(8, 60 * 75), 0)
                                .get(120, TimeUnit.SECONDS))
                        .isEqualTo(8 * 60 * 75);

                // every engine's output arrives: each publishing engine is a source on its types' streams ...
                Map<Bus, Admin> byBus = Map.of(Bus.MARKETDATA, marketDataAdmin, Bus.ENGINE_LOGIC, engineLogicAdmin);
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> {
                            for (EngineWiring engine : EngineMatrix.all()) {
                                if (SILENT_UNLESS_ASKED.contains(engine.name())) {
                                    continue;
                                }
                                assertThat(sources(byBus, BusUsers.published(engine.name())))
                                        .as(engine.name() + "'s output")
                                        .contains(engine.name());
                            }
                            // ... and each reader has read its types to the end
                            for (EngineWiring engine : EngineMatrix.all()) {
                                for (MessageType type : engine.types()) {
                                    Admin admin = byBus.get(ROUTING.route(type).bus());
                                    String stream = ROUTING.route(type).streamKey();
                                    assertThat(admin.lag(stream, engine.name()))
                                            .as(engine.name() + " on " + stream)
                                            .isZero();
                                }
                            }
                        });

                // the API's own monitor reads both Redis servers as the monitor user, without a failed call
                JsonNode status = busStatus(api);
                for (JsonNode server : status.get("redis")) {
                    assertThat(server.get("reachable").asBoolean())
                            .as(server.toString())
                            .isTrue();
                    assertThat(server.get("failed_calls_total").asLong())
                            .as(server.toString())
                            .isZero();
                    assertThat(server.get("clients_by_engine").has("monitor"))
                            .as(server.toString())
                            .isTrue();
                }
                // Redis refused nothing during the run: no ACL denial, no failed authentication
                for (Admin admin : admins) {
                    assertThat(admin.redis().aclLog()).as("ACL LOG of " + admin).isEmpty();
                    assertThat(admin.redis().info("errorstats"))
                            .as("errors on " + admin)
                            .doesNotContain("errorstat_");
                    assertThat(admin.redis().clientList())
                            .contains("user=nautilus-features", "user=nautilus-api", "user=nautilus-monitor")
                            .doesNotContain("user=default");
                }
            } finally {
                for (Platform platform : platforms.reversed()) {
                    platform.close();
                }
            }

            // each engine's credentials are refused outside its streams
            String riskMetric = ROUTING.route(MessageType.RISK_METRIC).streamKey();
            try (UserConnection features = new UserConnection(engineLogic, "nautilus-features", secret)) {
                assertThatThrownBy(() -> features.redis().xadd(riskMetric, Map.of("k", "v")))
                        .isInstanceOf(RedisCommandExecutionException.class)
                        .hasMessageStartingWith("NOPERM");
                assertThatThrownBy(() -> features.redis().del("nautilus:engine_logic:feature_calculation"))
                        .hasMessageStartingWith("NOPERM");
                assertThat(features.redis().xadd("nautilus:engine_logic:feature_calculation:low", Map.of("k", "v")))
                        .isNotNull();
            }
            for (EngineWiring engine : EngineMatrix.all()) {
                Set<MessageType> published = BusUsers.published(engine.name());
                for (MessageType type : MessageType.values()) {
                    if (published.contains(type)) {
                        continue;
                    }
                    RedisServer server = ROUTING.route(type).bus() == Bus.MARKETDATA ? marketData : engineLogic;
                    try (UserConnection user = new UserConnection(server, BusUsers.engineUser(engine.name()), secret)) {
                        String lane = ROUTING.route(type).streamKey() + ":" + Priority.URGENT.wireName();
                        assertThatThrownBy(() -> user.redis().xadd(lane, Map.of("k", "v")))
                                .as(engine.name() + " XADD " + lane)
                                .hasMessageStartingWith("NOPERM");
                    }
                }
            }
            try (UserConnection monitor = new UserConnection(engineLogic, BusUsers.MONITOR, secret)) {
                assertThat(monitor.redis().xlen(riskMetric)).isPositive();
                assertThatThrownBy(() -> monitor.redis().xadd(riskMetric, Map.of("k", "v")))
                        .hasMessageStartingWith("NOPERM");
                assertThatThrownBy(() -> monitor.redis().flushall()).hasMessageStartingWith("NOPERM");
            }
        }
    }

    /** {@code up}: the whole platform in one JVM (engines, faces, recorder) connects as {@code nautilus-platform} and is refused nothing. */
    @Test
    void theWholePlatformRunsAsThePlatformUser() throws Exception {
        Path aclFile = directory.resolve("platform.acl");
        Files.writeString(aclFile, OPEN_DEFAULT);
        try (RedisServer marketData = RedisServer.start("--aclfile", aclFile.toString());
                RedisServer engineLogic = RedisServer.start("--aclfile", aclFile.toString());
                Admin marketDataAdmin = new Admin(marketData);
                Admin engineLogicAdmin = new Admin(engineLogic)) {
            load(
                    aclFile,
                    ADMIN_LINE + new RedisAcl(ROUTING, Set.of()).file(BusAclSecret.of(SECRET)),
                    marketData,
                    engineLogic);
            List<Admin> admins = List.of(marketDataAdmin, engineLogicAdmin);
            admins.forEach(Admin::open);
            NautilusConfig config = new ConfigLoader(Map.of(
                            "NAUTILUS_MARKETDATA_BUS_URL",
                            marketData.url(),
                            "NAUTILUS_ENGINE_LOGIC_BUS_URL",
                            engineLogic.url(),
                            "NAUTILUS_BUS_ACL_SECRET",
                            SECRET,
                            "NAUTILUS_API_TOKEN",
                            API_TOKEN,
                            "NAUTILUS_DATA_DIR",
                            directory.resolve("data").toString()))
                    .load();
            try (Platform platform = Platform.start(config)) {
                platform.startEngines(
                        dev.nautilus.app.engines.EngineCatalog.PLATFORM,
                        dev.nautilus.app.engines.EngineCatalog.PLATFORM.stream()
                                .collect(java.util.stream.Collectors.toMap(n -> n, n -> 0)),
                        "1");
                platform.startFaces(Map.of(Platform.API, 0, Platform.DASHBOARD, 0, EngineMatrix.WEBSOCKET, 0));
                assertThat(platform.startReplay(ReplaySource.bitstamp(5_000), 0).get(120, TimeUnit.SECONDS))
                        .isEqualTo(5_000);
                String portfolio = ROUTING.route(MessageType.PORTFOLIO_UPDATE).streamKey();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> platform.recorded() > 0
                                && engineLogicAdmin.redis().exists(portfolio) == 1
                                && engineLogicAdmin.redis().xlen(portfolio) > 0);
                for (Admin admin : admins) {
                    assertThat(admin.redis().clientList())
                            .contains("user=nautilus-platform")
                            .doesNotContain("user=default");
                }
            }
            for (Admin admin : admins) {
                assertThat(admin.redis().aclLog()).as("ACL LOG of " + admin).isEmpty();
            }
        }
    }

    /**
     * On a Redis Cluster (both buses on one cluster of three masters, keys in the {@code {type}} form),
     * with the users set up node by node as the file says: the trading chain works as its users, each
     * node logs no denial, and the features engine still cannot write risk metrics.
     */
    @Test
    void onAClusterTheHashTaggedKeysAreTheOnesTheEnginesUse() throws Exception {
        BusAclSecret secret = BusAclSecret.of(SECRET);
        // the admin first and the default user (the file's last line) last: the set-up commands use the default user
        String file = ADMIN_LINE + new RedisAcl(ROUTING, Set.of(Bus.MARKETDATA, Bus.ENGINE_LOGIC)).file(secret);
        List<String> chain = List.of(
                EngineMatrix.MARKETDATA,
                EngineMatrix.FEATURES,
                EngineMatrix.VPIN,
                EngineMatrix.STRATEGY,
                EngineMatrix.PORTFOLIO,
                EngineMatrix.RISK);
        String riskMetric = "nautilus:engine_logic:{risk_metric}";
        try (RedisCluster cluster = RedisCluster.start(3)) {
            RedisServer riskServer = cluster.nodeOf(riskMetric); // asked while the default user still may
            List<Admin> admins = new ArrayList<>();
            try {
                for (RedisServer node : cluster.nodes()) {
                    for (String line : file.split("\n")) {
                        List<String> command = new ArrayList<>(List.of("ACL", "SETUSER"));
                        command.addAll(aclArguments(line.substring("user ".length())));
                        assertThat(node.command(command.toArray(String[]::new)))
                                .as(line)
                                .startsWith("+OK");
                    }
                    Admin admin = new Admin(node);
                    admin.open();
                    admins.add(admin);
                }
                NautilusConfig config = new ConfigLoader(Map.of(
                                "NAUTILUS_MARKETDATA_BUS_URL",
                                cluster.url(),
                                "NAUTILUS_MARKETDATA_BUS_CLUSTER",
                                "true",
                                "NAUTILUS_ENGINE_LOGIC_BUS_URL",
                                cluster.url(),
                                "NAUTILUS_ENGINE_LOGIC_BUS_CLUSTER",
                                "true",
                                "NAUTILUS_BUS_ACL_SECRET",
                                SECRET,
                                "NAUTILUS_API_TOKEN",
                                API_TOKEN))
                        .load();
                List<Platform> platforms = new ArrayList<>();
                try {
                    Platform api = Platform.start(config, BusUsers.API_IDENTITY);
                    platforms.add(api);
                    api.startFaces(Map.of(Platform.API, 0, Platform.DASHBOARD, 0, EngineMatrix.WEBSOCKET, 0));
                    for (String engine : chain) {
                        Platform platform = Platform.start(config, engine);
                        platforms.add(platform);
                        platform.startEngines(List.of(engine), Map.of(engine, 0), "1");
                    }
                    Platform hub = platforms.get(1);
                    assertThat(hub.startReplay(ReplaySource.bitstamp(20_000), 0).get(120, TimeUnit.SECONDS))
                            .isEqualTo(20_000);
                    Admin riskNode = admins.get(cluster.nodes().indexOf(riskServer));
                    await().atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofSeconds(1))
                            .until(() -> riskNode.redis().exists(riskMetric) == 1
                                    && riskNode.redis().xlen(riskMetric) > 0);
                    JsonNode status = busStatus(api);
                    for (JsonNode server : status.get("redis")) {
                        assertThat(server.get("reachable").asBoolean())
                                .as(server.toString())
                                .isTrue();
                    }
                } finally {
                    for (Platform platform : platforms.reversed()) {
                        platform.close();
                    }
                }
                for (Admin admin : admins) {
                    assertThat(admin.redis().aclLog()).as("ACL LOG of " + admin).isEmpty();
                }
                try (UserConnection features = new UserConnection(riskServer, "nautilus-features", secret)) {
                    assertThatThrownBy(() -> features.redis().xadd(riskMetric, Map.of("k", "v")))
                            .hasMessageStartingWith("NOPERM");
                    // the single-Redis form of its own type is not one of its keys on a cluster
                    assertThatThrownBy(() -> features.redis()
                                    .xadd("nautilus:engine_logic:feature_calculation", Map.of("k", "v")))
                            .hasMessageMatching("(NOPERM|MOVED).*");
                }
            } finally {
                admins.forEach(Admin::close);
            }
        }
    }

    /** Writes the ACL file the servers were started with ({@code --aclfile}) and has each load it, as an operator would. */
    private static void load(Path aclFile, String content, RedisServer... servers) throws java.io.IOException {
        Files.writeString(aclFile, content);
        for (RedisServer server : servers) {
            assertThat(server.command("ACL", "LOAD"))
                    .as("ACL LOAD on :" + server.port())
                    .startsWith("+OK");
        }
    }

    /** The arguments of an ACL file line after {@code user}, a selector {@code (…)} as one. */
    private static List<String> aclArguments(String rules) {
        List<String> arguments = new ArrayList<>();
        StringBuilder selector = null;
        for (String token : rules.split(" ")) {
            if (selector != null) {
                selector.append(' ').append(token);
                if (token.endsWith(")")) {
                    arguments.add(selector.toString());
                    selector = null;
                }
            } else if (token.startsWith("(") && !token.endsWith(")")) {
                selector = new StringBuilder(token);
            } else {
                arguments.add(token);
            }
        }
        return arguments;
    }

    /** The engines named as {@code source_engine} on every lane of the types. */
    private static Set<String> sources(Map<Bus, Admin> byBus, Set<MessageType> types) {
        Set<String> sources = new HashSet<>();
        for (MessageType type : types) {
            String base = ROUTING.route(type).streamKey();
            for (Priority priority : Priority.values()) {
                String lane = priority == Priority.NORMAL ? base : base + ":" + priority.wireName();
                for (StreamMessage<String, String> entry : byBus.get(
                                ROUTING.route(type).bus())
                        .redis()
                        .xrevrange(lane, io.lettuce.core.Range.create("-", "+"), io.lettuce.core.Limit.from(50_000))) {
                    sources.add(entry.getBody().get("source_engine"));
                }
            }
        }
        return sources;
    }

    /** A connection as one user: one of the generated ones, or the test's administrator. */
    private static final class UserConnection implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;

        UserConnection(RedisServer server, String user, BusAclSecret secret) {
            this(server, user, secret.password(user));
        }

        UserConnection(RedisServer server, String user, String password) {
            RedisURI uri = RedisURI.create(server.url());
            uri.setUsername(user);
            uri.setPassword(password.toCharArray());
            uri.setLibraryName("");
            uri.setLibraryVersion("");
            client = RedisClient.create(uri);
            connection = client.connect();
        }

        RedisCommands<String, String> redis() {
            return connection.sync();
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    /** The test's administrator of one Redis; stops it with {@code SHUTDOWN} (the fixture's own, unauthenticated one is refused). */
    private static final class Admin implements AutoCloseable {
        private final RedisServer server;
        private UserConnection connection;

        Admin(RedisServer server) {
            this.server = server;
        }

        void open() {
            connection = new UserConnection(server, ADMIN, ADMIN_PASSWORD);
        }

        RedisCommands<String, String> redis() {
            return connection.redis();
        }

        /** Entries of the stream the group has not read yet ({@code lag} of {@code XINFO GROUPS}); 0 without the stream. */
        long lag(String stream, String group) {
            if (redis().exists(stream) == 0) {
                return 0;
            }
            for (Object entry : redis().xinfoGroups(stream)) {
                List<?> fields = (List<?>) entry;
                Map<String, Object> byName = new java.util.HashMap<>();
                for (int i = 0; i + 1 < fields.size(); i += 2) {
                    byName.put(String.valueOf(fields.get(i)), fields.get(i + 1));
                }
                if (group.equals(byName.get("name"))) {
                    return byName.get("lag") instanceof Long lag ? lag : 0;
                }
            }
            throw new AssertionError("no group " + group + " on " + stream);
        }

        @Override
        public void close() {
            if (connection != null) {
                try {
                    redis().shutdown(false);
                } catch (RuntimeException e) {
                    // expected: Redis closes the connection instead of answering
                }
                connection.close();
            }
        }

        @Override
        public String toString() {
            return "redis :" + server.port();
        }
    }

    /** The API's {@code /api/bus/status}, asked with the admin token. */
    private static JsonNode busStatus(Platform api) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + api.api().orElseThrow().port() + "/api/bus/status"))
                .header("Authorization", "Bearer " + API_TOKEN)
                .GET()
                .build();
        return Json.parse(
                HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
}
