package dev.nautilus.app.config;

/**
 * Every configuration key: its name in {@code nautilus.yaml} (dotted), the environment variable
 * that overrides it, and its default ({@code null}: unset).
 */
public enum ConfigKey {
    MARKETDATA_BUS_URL("bus.marketdata_url", "NAUTILUS_MARKETDATA_BUS_URL", null),
    ENGINE_LOGIC_BUS_URL("bus.engine_logic_url", "NAUTILUS_ENGINE_LOGIC_BUS_URL", null),
    MARKETDATA_BUS_CLUSTER("bus.marketdata_cluster", "NAUTILUS_MARKETDATA_BUS_CLUSTER", "false"),
    ENGINE_LOGIC_BUS_CLUSTER("bus.engine_logic_cluster", "NAUTILUS_ENGINE_LOGIC_BUS_CLUSTER", "false"),
    BUS_ACL_SECRET("bus.acl_secret", "NAUTILUS_BUS_ACL_SECRET", null),
    BUS_TLS_KEYSTORE("bus.tls_keystore", "NAUTILUS_BUS_TLS_KEYSTORE", null),
    BUS_TLS_KEYSTORE_PASSWORD("bus.tls_keystore_password", "NAUTILUS_BUS_TLS_KEYSTORE_PASSWORD", null),
    BUS_TLS_TRUSTSTORE("bus.tls_truststore", "NAUTILUS_BUS_TLS_TRUSTSTORE", null),
    BUS_TLS_TRUSTSTORE_PASSWORD("bus.tls_truststore_password", "NAUTILUS_BUS_TLS_TRUSTSTORE_PASSWORD", null),
    MAIN_REDIS_URL("bus.main_redis_url", "NAUTILUS_MAIN_REDIS_URL", null),
    STREAM_PREFIX("bus.stream_prefix", "NAUTILUS_STREAM_PREFIX", "nautilus"),
    BUFFER_SIZE("bus.buffer_size", "NAUTILUS_BUFFER_SIZE", "3000"),
    BUFFER_INTERVAL_MS("bus.buffer_interval_ms", "NAUTILUS_BUFFER_INTERVAL_MS", "20"),
    STREAM_MAXLEN("bus.stream_maxlen", "NAUTILUS_STREAM_MAXLEN", "100000"),
    MAX_DELIVERIES("bus.max_deliveries", "NAUTILUS_MAX_DELIVERIES", "5"),
    CLAIM_IDLE_MS("bus.claim_idle_ms", "NAUTILUS_CLAIM_IDLE_MS", "30000"),
    MAX_PAYLOAD_BYTES("bus.max_payload_bytes", "NAUTILUS_MAX_PAYLOAD_BYTES", "1048576"),
    ALLOW_EVICTING_POLICY("bus.allow_evicting_policy", "NAUTILUS_ALLOW_EVICTING_POLICY", "false"),
    PACKED_TYPES("bus.packed_types", "NAUTILUS_PACKED_TYPES", null),
    BUS_PARTITIONS("bus.partitions", "NAUTILUS_BUS_PARTITIONS", null),
    PARTITION_LEASE_MS("bus.partition_lease_ms", "NAUTILUS_PARTITION_LEASE_MS", "10000"),
    DB_URL("store.db_url", "NAUTILUS_DB_URL", null),
    DB_USER("store.db_user", "NAUTILUS_DB_USER", null),
    DB_PASSWORD("store.db_password", "NAUTILUS_DB_PASSWORD", null),
    DB_POOL_SIZE("store.pool_size", "NAUTILUS_DB_POOL_SIZE", "4"),
    DB_SCHEMA("store.schema", "NAUTILUS_DB_SCHEMA", "nautilus"),
    DB_DEFAULT_URL("store.default_db_url", "NAUTILUS_DB_DEFAULT_URL", "jdbc:postgresql://127.0.0.1:5432/nautilus"),
    DB_ROLE_SECRET("store.role_secret", "NAUTILUS_DB_ROLE_SECRET", null),
    DB_ROLE_PREFIX("store.role_prefix", "NAUTILUS_DB_ROLE_PREFIX", "nautilus_"),
    STATE_SESSION("store.state_session", "NAUTILUS_STATE_SESSION", null),
    DATA_DIR("data_dir", "NAUTILUS_DATA_DIR", "./data"),
    PORT_OFFSET("port_offset", "NAUTILUS_PORT_OFFSET", "0"),
    HTTP_HOST("http.host", "NAUTILUS_HTTP_HOST", "127.0.0.1"),
    API_TOKEN("http.api_token", "NAUTILUS_API_TOKEN", null),
    READ_TOKEN("http.read_token", "NAUTILUS_READ_TOKEN", null),
    CORS_ORIGINS("http.cors_origins", "NAUTILUS_HTTP_CORS_ORIGINS", null),
    METRICS_PUBLIC("metrics.public", "NAUTILUS_METRICS_PUBLIC", "false"),
    WEBSOCKET_HEARTBEAT_MS("websocket.heartbeat_ms", "NAUTILUS_WEBSOCKET_HEARTBEAT_MS", "10000"),
    WEBSOCKET_MAX_QUEUED_FRAMES("websocket.max_queued_frames", "NAUTILUS_WEBSOCKET_MAX_QUEUED_FRAMES", "1000"),
    WEBSOCKET_MAX_QUEUED_BYTES("websocket.max_queued_bytes", "NAUTILUS_WEBSOCKET_MAX_QUEUED_BYTES", "1048576"),
    WEBSOCKET_SLOW_CLIENT_TIMEOUT_MS(
            "websocket.slow_client_timeout_ms", "NAUTILUS_WEBSOCKET_SLOW_CLIENT_TIMEOUT_MS", "10000"),
    WEBSOCKET_MAX_PATTERNS("websocket.max_patterns_per_client", "NAUTILUS_WEBSOCKET_MAX_PATTERNS_PER_CLIENT", "1000"),
    WEBSOCKET_MAX_PATTERN_LENGTH("websocket.max_pattern_length", "NAUTILUS_WEBSOCKET_MAX_PATTERN_LENGTH", "256"),
    WEBSOCKET_REQUESTS_PER_SECOND("websocket.requests_per_second", "NAUTILUS_WEBSOCKET_REQUESTS_PER_SECOND", "50"),
    WEBSOCKET_MAX_CLIENTS("websocket.max_clients", "NAUTILUS_WEBSOCKET_MAX_CLIENTS", "50000"),
    WEBSOCKET_MAX_CLIENTS_PER_ADDRESS(
            "websocket.max_clients_per_address", "NAUTILUS_WEBSOCKET_MAX_CLIENTS_PER_ADDRESS", "1000"),
    WEBSOCKET_IDLE_TIMEOUT_MS("websocket.idle_timeout_ms", "NAUTILUS_WEBSOCKET_IDLE_TIMEOUT_MS", "120000"),
    WEBSOCKET_MAX_FRAME_BYTES("websocket.max_frame_bytes", "NAUTILUS_WEBSOCKET_MAX_FRAME_BYTES", "65536"),
    BUS_LAYOUT("bus.layout", "NAUTILUS_BUS_LAYOUT", "dual");

    private final String fileKey;
    private final String envVar;
    private final String defaultValue;

    ConfigKey(String fileKey, String envVar, String defaultValue) {
        this.fileKey = fileKey;
        this.envVar = envVar;
        this.defaultValue = defaultValue;
    }

    public String fileKey() {
        return fileKey;
    }

    public String envVar() {
        return envVar;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** Whether values of this key must never be printed. */
    public boolean secret() {
        return this == DB_PASSWORD
                || this == DB_ROLE_SECRET
                || this == API_TOKEN
                || this == READ_TOKEN
                || this == BUS_ACL_SECRET
                || this == BUS_TLS_KEYSTORE_PASSWORD
                || this == BUS_TLS_TRUSTSTORE_PASSWORD;
    }

    /** The key with this file name, or {@code null}. */
    static ConfigKey byFileKey(String name) {
        for (ConfigKey key : values()) {
            if (key.fileKey.equals(name)) {
                return key;
            }
        }
        return null;
    }
}
