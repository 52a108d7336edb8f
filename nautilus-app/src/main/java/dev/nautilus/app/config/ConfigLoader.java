package dev.nautilus.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nautilus.app.dashboard.DashboardServer;
import dev.nautilus.app.security.AccessTokens;
import dev.nautilus.app.security.AllowedOrigins;
import dev.nautilus.app.security.BusAclSecret;
import dev.nautilus.app.security.HttpSecurity;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Redaction;
import dev.nautilus.bus.redis.RedisTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads {@link NautilusConfig}: defaults, then the YAML file if one is given, then
 * {@code NAUTILUS_…} environment variables (see {@link ConfigKey}). Everything is validated here,
 * at start, and an error names the key (and its environment variable) that is wrong.
 */
public final class ConfigLoader {

    private final Map<String, String> environment;

    /** A loader reading the given environment (pass {@code System.getenv()} in production). */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Loads from the environment only. */
    public NautilusConfig load() {
        return load(null);
    }

    /**
     * Loads from the file (may be {@code null}) and the environment.
     *
     * @throws ConfigException naming the first bad key
     */
    public NautilusConfig load(Path file) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        for (ConfigValue value : resolve(file)) {
            value.value().ifPresent(text -> values.put(value.key(), text));
        }
        return build(values);
    }

    /**
     * Every key's effective text and where it came from, in {@link ConfigKey} order, as {@link #load}
     * reads them but not yet validated ({@code nautilus config} prints them).
     *
     * @param file the {@code --config} file, may be {@code null}
     * @throws ConfigException when the file is missing, not YAML or has an unknown key, or a retired variable is set
     */
    public List<ConfigValue> resolve(Path file) {
        if (environment.containsKey("NAUTILUS_WEBSOCKET_TOKEN")) {
            throw new ConfigException("NAUTILUS_WEBSOCKET_TOKEN is no longer read: every port, the WebSocket one"
                    + " included, takes the platform's tokens; set NAUTILUS_API_TOKEN (and NAUTILUS_READ_TOKEN)");
        }
        Map<ConfigKey, String> fromFile = file == null ? Map.of() : readFile(file);
        List<ConfigValue> resolved = new ArrayList<>(ConfigKey.values().length);
        for (ConfigKey key : ConfigKey.values()) {
            String variable = environment.get(key.envVar());
            if (variable != null && !variable.isBlank()) {
                resolved.add(
                        new ConfigValue(key, Optional.of(variable.trim()), new ConfigSource.Environment(key.envVar())));
            } else if (fromFile.containsKey(key)) {
                resolved.add(new ConfigValue(key, Optional.of(fromFile.get(key)), new ConfigSource.File(file)));
            } else {
                resolved.add(new ConfigValue(key, Optional.ofNullable(key.defaultValue()), new ConfigSource.Default()));
            }
        }
        return resolved;
    }

    private static Map<ConfigKey, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file " + file + " does not exist");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("configuration file " + file + " is not valid YAML: " + e.getMessage());
        }
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return values;
        }
        if (!root.isObject()) {
            throw new ConfigException("configuration file " + file + " must hold a mapping of keys");
        }
        List<String> unknown = new ArrayList<>();
        flatten("", root, values, unknown);
        if (!unknown.isEmpty()) {
            throw new ConfigException("configuration file " + file + " has unknown key(s) " + unknown + "; known keys: "
                    + java.util.Arrays.stream(ConfigKey.values())
                            .map(ConfigKey::fileKey)
                            .toList());
        }
        return values;
    }

    private static void flatten(String prefix, JsonNode node, Map<ConfigKey, String> values, List<String> unknown) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            ConfigKey key = ConfigKey.byFileKey(name);
            if (value.isObject() && key != null) {
                // A key whose value is a map, e.g. bus.partitions: {market_data: 12}: kept as "k=v,k=v".
                List<String> pairs = new ArrayList<>();
                value.fields()
                        .forEachRemaining(pair ->
                                pairs.add(pair.getKey() + "=" + pair.getValue().asText()));
                values.put(key, String.join(",", pairs));
                continue;
            }
            if (value.isObject()) {
                flatten(name + ".", value, values, unknown);
                continue;
            }
            if (key == null) {
                unknown.add(name);
            } else if (value.isArray()) {
                // a list (bus.packed_types): its items as the comma-separated text a variable would hold
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                values.put(key, String.join(",", items));
            } else if (!value.isNull()) {
                values.put(key, value.asText());
            }
        }
    }

    /** The message types named (wire names, separated by commas, or a YAML list); none when unset. */
    private static Set<MessageType> packedTypes(Map<ConfigKey, String> values) {
        String text = values.get(ConfigKey.PACKED_TYPES);
        Set<MessageType> types = EnumSet.noneOf(MessageType.class);
        for (String name : text == null ? new String[0] : text.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                types.add(MessageType.fromWire(name.strip()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(describe(ConfigKey.PACKED_TYPES) + " must list message types such as"
                        + " price_update,market_data: " + e.getMessage());
            }
        }
        return types;
    }

    private static Optional<BusAclSecret> aclSecret(Map<ConfigKey, String> values) {
        return secret(values, ConfigKey.BUS_ACL_SECRET);
    }

    /** A secret passwords are derived from (see {@link BusAclSecret}), or empty when unset. */
    private static Optional<BusAclSecret> secret(Map<ConfigKey, String> values, ConfigKey key) {
        String text = values.get(key);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(BusAclSecret.of(text));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(describe(key) + ": " + e.getMessage());
        }
    }

    private static String identifierPrefix(Map<ConfigKey, String> values, ConfigKey key) {
        String prefix = values.get(key);
        if (!prefix.matches("[a-z_][a-z0-9_]{0,39}")) {
            throw new ConfigException(describe(key)
                    + " must start a lower-case SQL identifier (letters, digits, _; at most 40), was '" + prefix
                    + "'");
        }
        return prefix;
    }

    /** The bus TLS stores, each opened now: a wrong path or password fails the start, naming its key. */
    private static RedisTls tls(Map<ConfigKey, String> values) {
        RedisTls tls = RedisTls.NONE;
        Optional<RedisTls.Store> keyStore =
                store(values, ConfigKey.BUS_TLS_KEYSTORE, ConfigKey.BUS_TLS_KEYSTORE_PASSWORD);
        if (keyStore.isPresent()) {
            tls = tls.withKeyStore(keyStore.get());
            opens(tls::keyManagers, ConfigKey.BUS_TLS_KEYSTORE, ConfigKey.BUS_TLS_KEYSTORE_PASSWORD);
        }
        Optional<RedisTls.Store> trustStore =
                store(values, ConfigKey.BUS_TLS_TRUSTSTORE, ConfigKey.BUS_TLS_TRUSTSTORE_PASSWORD);
        if (trustStore.isPresent()) {
            tls = tls.withTrustStore(trustStore.get());
            opens(tls::trustManagers, ConfigKey.BUS_TLS_TRUSTSTORE, ConfigKey.BUS_TLS_TRUSTSTORE_PASSWORD);
        }
        return tls;
    }

    /** Runs {@code open}; its failure (which never holds the password) becomes one naming both keys. */
    private static void opens(Runnable open, ConfigKey file, ConfigKey password) {
        try {
            open.run();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    describe(file) + ": " + e.getMessage() + " (the password is " + describe(password) + ")");
        }
    }

    private static Optional<RedisTls.Store> store(Map<ConfigKey, String> values, ConfigKey file, ConfigKey password) {
        String path = values.get(file);
        String secret = values.get(password);
        if (path == null || path.isBlank()) {
            if (secret != null) {
                throw new ConfigException(
                        describe(password) + " is set but " + describe(file) + " is not: set the store's path too");
            }
            return Optional.empty();
        }
        // PKCS12, which reads JKS files too
        return Optional.of(RedisTls.Store.pkcs12(Path.of(path.strip()), secret));
    }

    private static BusLayout layout(Map<ConfigKey, String> values, boolean busUrls) {
        BusLayout layout;
        try {
            layout = BusLayout.of(values.get(ConfigKey.BUS_LAYOUT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(describe(ConfigKey.BUS_LAYOUT) + ": " + e.getMessage());
        }
        boolean main = values.get(ConfigKey.MAIN_REDIS_URL) != null;
        if (layout == BusLayout.SINGLE && !main) {
            throw new ConfigException(
                    describe(ConfigKey.BUS_LAYOUT) + " is single but " + describe(ConfigKey.MAIN_REDIS_URL)
                            + " is not set: the single layout puts both buses on the main Redis");
        }
        if (layout == BusLayout.MIGRATING && !(main && busUrls)) {
            throw new ConfigException(describe(ConfigKey.BUS_LAYOUT) + " is migrating: set "
                    + describe(ConfigKey.MAIN_REDIS_URL) + " and both bus URLs");
        }
        return layout;
    }

    private static NautilusConfig build(Map<ConfigKey, String> values) {
        Optional<RedisUrl> marketData = url(values, ConfigKey.MARKETDATA_BUS_URL);
        Optional<RedisUrl> engineLogic = url(values, ConfigKey.ENGINE_LOGIC_BUS_URL);
        if (marketData.isPresent() != engineLogic.isPresent()) {
            ConfigKey set = marketData.isPresent() ? ConfigKey.MARKETDATA_BUS_URL : ConfigKey.ENGINE_LOGIC_BUS_URL;
            ConfigKey missing = marketData.isPresent() ? ConfigKey.ENGINE_LOGIC_BUS_URL : ConfigKey.MARKETDATA_BUS_URL;
            throw new ConfigException(describe(set) + " is set but " + describe(missing)
                    + " is not: set both for Redis buses, or neither for in-memory buses");
        }
        String prefix = values.get(ConfigKey.STREAM_PREFIX);
        if (prefix.isBlank() || !prefix.matches("[A-Za-z0-9_.:\\-]+")) {
            throw new ConfigException(describe(ConfigKey.STREAM_PREFIX)
                    + " must be letters, digits, '_', '.', ':' or '-', was '" + prefix + "'");
        }
        BusSettings bus = new BusSettings(
                marketData,
                engineLogic,
                url(values, ConfigKey.MAIN_REDIS_URL),
                prefix,
                (int) integer(values, ConfigKey.BUFFER_SIZE, 1, 1_000_000),
                Duration.ofMillis(integer(values, ConfigKey.BUFFER_INTERVAL_MS, 0, 60_000)),
                integer(values, ConfigKey.STREAM_MAXLEN, 1, Long.MAX_VALUE),
                (int) integer(values, ConfigKey.MAX_DELIVERIES, 1, 1_000),
                Duration.ofMillis(integer(values, ConfigKey.CLAIM_IDLE_MS, 100, 86_400_000)),
                (int) integer(values, ConfigKey.MAX_PAYLOAD_BYTES, 64, 512L * 1024 * 1024),
                bool(values, ConfigKey.MARKETDATA_BUS_CLUSTER),
                bool(values, ConfigKey.ENGINE_LOGIC_BUS_CLUSTER),
                aclSecret(values),
                bool(values, ConfigKey.ALLOW_EVICTING_POLICY),
                tls(values),
                packedTypes(values),
                PartitionSettings.of(
                        Optional.ofNullable(values.get(ConfigKey.BUS_PARTITIONS)),
                        Duration.ofMillis(integer(values, ConfigKey.PARTITION_LEASE_MS, 300, 3_600_000))),
                layout(values, marketData.isPresent()));
        Optional<String> dbUrl = jdbcUrl(values, ConfigKey.DB_URL);
        Optional<String> defaultDbUrl = "none".equals(values.get(ConfigKey.DB_DEFAULT_URL))
                ? Optional.empty()
                : jdbcUrl(values, ConfigKey.DB_DEFAULT_URL);
        StoreSettings store = new StoreSettings(
                dbUrl,
                Optional.ofNullable(values.get(ConfigKey.DB_USER)),
                Optional.ofNullable(values.get(ConfigKey.DB_PASSWORD)),
                (int) integer(values, ConfigKey.DB_POOL_SIZE, 1, 256),
                schema(values),
                defaultDbUrl,
                secret(values, ConfigKey.DB_ROLE_SECRET),
                identifierPrefix(values, ConfigKey.DB_ROLE_PREFIX),
                Optional.ofNullable(values.get(ConfigKey.STATE_SESSION)).filter(s -> !s.isBlank()));
        Path dataDir = Path.of(values.get(ConfigKey.DATA_DIR));
        int portOffset = (int) integer(values, ConfigKey.PORT_OFFSET, 0, 50_000);
        WebSocketSettings websocket = new WebSocketSettings(
                Duration.ofMillis(integer(values, ConfigKey.WEBSOCKET_HEARTBEAT_MS, 100, 3_600_000)),
                (int) integer(values, ConfigKey.WEBSOCKET_MAX_QUEUED_FRAMES, 1, 1_000_000),
                integer(values, ConfigKey.WEBSOCKET_MAX_QUEUED_BYTES, 1_024, 1L << 30),
                Duration.ofMillis(integer(values, ConfigKey.WEBSOCKET_SLOW_CLIENT_TIMEOUT_MS, 100, 3_600_000)),
                WebSocketSettings.defaults().fanOutLanes(),
                new WebSocketLimits(
                        (int) integer(values, ConfigKey.WEBSOCKET_MAX_PATTERNS, 1, 1_000_000),
                        (int) integer(values, ConfigKey.WEBSOCKET_MAX_PATTERN_LENGTH, 1, 65_536),
                        (int) integer(values, ConfigKey.WEBSOCKET_REQUESTS_PER_SECOND, 1, 1_000_000),
                        (int) integer(values, ConfigKey.WEBSOCKET_MAX_CLIENTS, 1, 10_000_000),
                        (int) integer(values, ConfigKey.WEBSOCKET_MAX_CLIENTS_PER_ADDRESS, 1, 10_000_000),
                        Duration.ofMillis(integer(values, ConfigKey.WEBSOCKET_IDLE_TIMEOUT_MS, 100, 86_400_000)),
                        (int) integer(values, ConfigKey.WEBSOCKET_MAX_FRAME_BYTES, 64, 16 * 1024 * 1024)));
        return new NautilusConfig(bus, store, dataDir, portOffset, websocket, http(values, portOffset));
    }

    private static HttpSecurity http(Map<ConfigKey, String> values, int portOffset) {
        Optional<String> admin = Optional.ofNullable(values.get(ConfigKey.API_TOKEN));
        Optional<String> read = Optional.ofNullable(values.get(ConfigKey.READ_TOKEN));
        if (admin.isEmpty() && read.isPresent()) {
            throw new ConfigException(describe(ConfigKey.READ_TOKEN) + " is set but " + describe(ConfigKey.API_TOKEN)
                    + " is not: the read token goes with an admin token");
        }
        AccessTokens tokens;
        try {
            tokens = admin.isPresent() ? AccessTokens.configured(admin.get(), read) : AccessTokens.generated();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    describe(ConfigKey.API_TOKEN) + " / " + describe(ConfigKey.READ_TOKEN) + ": " + e.getMessage());
        }
        List<String> origins = Optional.ofNullable(values.get(ConfigKey.CORS_ORIGINS))
                .map(text -> java.util.Arrays.stream(text.split(","))
                        .map(String::strip)
                        .filter(o -> !o.isEmpty())
                        .toList())
                .orElse(List.of());
        AllowedOrigins allowed = new AllowedOrigins(origins);
        // the dashboard at its usual port, which a process without it (an engine, on its own) cannot learn
        allowed.allowDashboard(values.get(ConfigKey.HTTP_HOST).strip(), DashboardServer.DEFAULT_PORT + portOffset);
        for (String origin : origins) {
            if (!origin.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+")) {
                throw new ConfigException(describe(ConfigKey.CORS_ORIGINS) + " must list origins such as"
                        + " http://host:3000 separated by commas, was '" + origin + "'");
            }
        }
        String host = values.get(ConfigKey.HTTP_HOST).strip();
        try {
            return new HttpSecurity(host, tokens, bool(values, ConfigKey.METRICS_PUBLIC), allowed);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(describe(ConfigKey.HTTP_HOST) + ": " + e.getMessage());
        }
    }

    private static Optional<RedisUrl> url(Map<ConfigKey, String> values, ConfigKey key) {
        String text = values.get(key);
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(RedisUrl.parse(describe(key), text));
    }

    private static boolean bool(Map<ConfigKey, String> values, ConfigKey key) {
        String text = values.get(key).strip().toLowerCase(java.util.Locale.ROOT);
        return switch (text) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default ->
                throw new ConfigException(describe(key) + " must be true or false, was '" + values.get(key) + "'");
        };
    }

    private static long integer(Map<ConfigKey, String> values, ConfigKey key, long min, long max) {
        String text = values.get(key);
        long value;
        try {
            value = Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ConfigException(describe(key) + " must be a whole number, was '" + text + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(describe(key) + " must be within " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    private static Optional<String> jdbcUrl(Map<ConfigKey, String> values, ConfigKey key) {
        Optional<String> url = Optional.ofNullable(values.get(key));
        if (url.isPresent() && !url.get().startsWith("jdbc:postgresql:")) {
            throw new ConfigException(describe(key)
                    + " must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db), was '"
                    + Redaction.url(url.get()) + "'");
        }
        return url;
    }

    private static String schema(Map<ConfigKey, String> values) {
        String schema = values.get(ConfigKey.DB_SCHEMA);
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new ConfigException(describe(ConfigKey.DB_SCHEMA)
                    + " must be a lower-case SQL identifier (letters, digits, _), was '" + schema + "'");
        }
        return schema;
    }

    private static String describe(ConfigKey key) {
        return key.fileKey() + " (" + key.envVar() + ")";
    }
}
