package dev.nautilus.store;

import dev.nautilus.bus.Redaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Configuration of the store. Credentials arrive only through this record (built by the caller from
 * its configuration file or the environment: the app's {@code Platform} maps its typed configuration
 * here); {@link #toString()} never
 * prints the password.
 *
 * @param jdbcUrl       PostgreSQL JDBC URL, or {@code null}/blank for the embedded DuckDB store
 * @param user          database user, may be {@code null}
 * @param password      database password, may be {@code null}
 * @param schema        PostgreSQL schema holding the tables (created if missing); a plain identifier
 * @param poolSize      connection pool size (PostgreSQL), &gt;= 1
 * @param batchSize     largest ingest batch, &gt;= 1
 * @param queueCapacity ingest queue bound, &gt;= 1
 * @param offerTimeout  how long a submit waits for queue room before refusing the row
 * @param dataDir       directory of the embedded store's file
 * @param applicationName what PostgreSQL shows as the connections' {@code application_name}
 *                      ({@code pg_stat_activity}), e.g. {@code nautilus:portfolio} for an engine's pool
 */
public record StoreConfig(
        String jdbcUrl,
        String user,
        String password,
        String schema,
        int poolSize,
        int batchSize,
        int queueCapacity,
        Duration offerTimeout,
        Path dataDir,
        String applicationName) {

    /** Default pool size: two connections per core, small by design (DESIGN.md). */
    public static final int DEFAULT_POOL_SIZE =
            Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    public static final int DEFAULT_BATCH_SIZE = 5_000;
    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
    public static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofSeconds(5);
    public static final String DEFAULT_SCHEMA = "nautilus";
    /** Name of the embedded store's file inside {@link #dataDir}. */
    public static final String EMBEDDED_FILE = "nautilus.duckdb";
    /** The connections' {@code application_name} unless one is given. */
    public static final String DEFAULT_APPLICATION_NAME = "nautilus-store";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public StoreConfig {
        Objects.requireNonNull(schema, "schema");
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be a lower-case SQL identifier, was " + schema);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be >= 1, was " + poolSize);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be >= 1, was " + queueCapacity);
        }
        Objects.requireNonNull(offerTimeout, "offerTimeout");
        if (offerTimeout.isNegative()) {
            throw new IllegalArgumentException("offerTimeout must not be negative, was " + offerTimeout);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(applicationName, "applicationName");
        // PostgreSQL truncates at 63 bytes; printable ASCII keeps pg_stat_activity readable
        if (!applicationName.matches("[ -~]{1,63}")) {
            throw new IllegalArgumentException(
                    "applicationName must be 1 to 63 printable ASCII characters, was " + applicationName);
        }
    }

    /** The embedded store in {@code dataDir}, with defaults. */
    public static StoreConfig embedded(Path dataDir) {
        return new StoreConfig(
                null,
                null,
                null,
                DEFAULT_SCHEMA,
                DEFAULT_POOL_SIZE,
                DEFAULT_BATCH_SIZE,
                DEFAULT_QUEUE_CAPACITY,
                DEFAULT_OFFER_TIMEOUT,
                dataDir,
                DEFAULT_APPLICATION_NAME);
    }

    /** PostgreSQL at {@code jdbcUrl}, with defaults. */
    public static StoreConfig postgres(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return new StoreConfig(
                jdbcUrl,
                user,
                password,
                DEFAULT_SCHEMA,
                DEFAULT_POOL_SIZE,
                DEFAULT_BATCH_SIZE,
                DEFAULT_QUEUE_CAPACITY,
                DEFAULT_OFFER_TIMEOUT,
                Path.of("data"),
                DEFAULT_APPLICATION_NAME);
    }

    /** Whether a PostgreSQL URL is configured. */
    public boolean usesPostgres() {
        return jdbcUrl != null && !jdbcUrl.isBlank();
    }

    public StoreConfig withSchema(String value) {
        return with(c -> c.schema = value);
    }

    public StoreConfig withPoolSize(int value) {
        return with(c -> c.poolSize = value);
    }

    public StoreConfig withBatchSize(int value) {
        return with(c -> c.batchSize = value);
    }

    public StoreConfig withQueueCapacity(int value) {
        return with(c -> c.queueCapacity = value);
    }

    public StoreConfig withOfferTimeout(Duration value) {
        return with(c -> c.offerTimeout = value);
    }

    public StoreConfig withDataDir(Path value) {
        return with(c -> c.dataDir = value);
    }

    /** This configuration connecting as {@code user} with {@code password} (e.g. an engine's own role). */
    public StoreConfig withCredentials(String user, String password) {
        return with(c -> {
            c.user = user;
            c.password = password;
        });
    }

    public StoreConfig withApplicationName(String value) {
        return with(c -> c.applicationName = value);
    }

    /** A copy with {@code change} applied, checked again by the canonical constructor. */
    private StoreConfig with(Consumer<Settings> change) {
        Settings copy = new Settings(this);
        change.accept(copy);
        return copy.build();
    }

    /**
     * The settings as plain fields, so that each wither above names the one it changes instead of
     * repeating all ten in order (as {@code RedisBusConfig} does).
     */
    private static final class Settings {
        String jdbcUrl;
        String user;
        String password;
        String schema;
        int poolSize;
        int batchSize;
        int queueCapacity;
        Duration offerTimeout;
        Path dataDir;
        String applicationName;

        Settings(StoreConfig config) {
            jdbcUrl = config.jdbcUrl;
            user = config.user;
            password = config.password;
            schema = config.schema;
            poolSize = config.poolSize;
            batchSize = config.batchSize;
            queueCapacity = config.queueCapacity;
            offerTimeout = config.offerTimeout;
            dataDir = config.dataDir;
            applicationName = config.applicationName;
        }

        StoreConfig build() {
            return new StoreConfig(
                    jdbcUrl,
                    user,
                    password,
                    schema,
                    poolSize,
                    batchSize,
                    queueCapacity,
                    offerTimeout,
                    dataDir,
                    applicationName);
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "StoreConfig[jdbcUrl=" + (usesPostgres() ? Redaction.url(jdbcUrl) : "(embedded)") + ", user=" + user
                + ", password=" + (password == null ? "(none)" : "****") + ", schema=" + schema
                + ", poolSize=" + poolSize + ", batchSize=" + batchSize + ", queueCapacity=" + queueCapacity
                + ", offerTimeout=" + offerTimeout + ", dataDir=" + dataDir + ", applicationName=" + applicationName
                + "]";
    }
}
