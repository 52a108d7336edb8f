package dev.nautilus.app.supervisor;

import dev.nautilus.app.config.StoreSettings;
import dev.nautilus.bus.Redaction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which PostgreSQL a deployment's processes keep their state in: the configured one; without one,
 * the default address ({@code store.default_db_url}) when a PostgreSQL answers there (creating its
 * database when the server has none of that name), so that one command gives a newcomer the seeds'
 * layout; else none, said in one line.
 *
 * @param found the default address, when it answered and the children are to use it
 * @param line  what the deployment's address table says about the store
 */
public record StoreChoice(Optional<String> found, String line) {

    private static final String MISSING_DATABASE = "3D000";
    private static final String DUPLICATE_DATABASE = "42P04";
    /** {@code jdbc:postgresql://host:port/}, a plain database name, and the parameters, if any. */
    private static final Pattern DATABASE_IN_URL =
            Pattern.compile("(jdbc:postgresql://[^/?#]+/)([A-Za-z_][A-Za-z0-9_]{0,62})([?].*)?");

    /** How long the default address may take to answer. */
    static final int PROBE_SECONDS = 2;

    /** Decides, asking the default address when nothing is configured. */
    public static StoreChoice of(StoreSettings settings) {
        if (settings.jdbcUrl().isPresent()) {
            return new StoreChoice(
                    Optional.empty(),
                    "PostgreSQL " + Redaction.url(settings.jdbcUrl().get()) + ", schema " + settings.schema()
                            + " (configured): each process its own pool");
        }
        if (settings.defaultJdbcUrl().isEmpty()) {
            return new StoreChoice(
                    Optional.empty(), "none (no store.db_url, store.default_db_url is none): engines keep no state");
        }
        String url = settings.defaultJdbcUrl().get();
        Properties properties = new Properties();
        settings.user().ifPresent(user -> properties.setProperty("user", user));
        settings.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("loginTimeout", String.valueOf(PROBE_SECONDS));
        properties.setProperty("connectTimeout", String.valueOf(PROBE_SECONDS));
        properties.setProperty("ApplicationName", "nautilus:supervisor");
        try {
            String how = connectOrCreate(url, properties);
            return new StoreChoice(
                    Optional.of(url),
                    "PostgreSQL " + Redaction.url(url) + ", schema " + settings.schema() + " (" + how
                            + " at the default address; store.db_url names another): each process its own pool");
        } catch (SQLException e) {
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("no answer");
            return new StoreChoice(
                    Optional.empty(),
                    "none: no PostgreSQL at " + Redaction.url(url) + " (" + reason
                            + "); engines keep no state (set store.db_url)");
        }
    }

    /**
     * Connects to the default address; a server that answers without the database (a fresh
     * PostgreSQL has none named {@code nautilus}) gets it created, as a newcomer would do by hand.
     *
     * @return "found" or "created database …"
     */
    private static String connectOrCreate(String url, Properties properties) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            return "found";
        } catch (SQLException e) {
            if (!MISSING_DATABASE.equals(e.getSQLState())) {
                throw e;
            }
        }
        Matcher parts = DATABASE_IN_URL.matcher(url);
        if (!parts.matches()) {
            throw new SQLException("cannot tell the database name in " + Redaction.url(url));
        }
        String database = parts.group(2);
        try (Connection maintenance = DriverManager.getConnection(
                        parts.group(1) + "postgres" + Objects.toString(parts.group(3), ""), properties);
                Statement create = maintenance.createStatement()) {
            create.execute("CREATE DATABASE \"" + database + "\"");
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) { // another supervisor created it meanwhile
                throw new SQLException(
                        "database " + database + " is missing and could not be created: " + e.getMessage(),
                        e.getSQLState(),
                        e);
            }
        }
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            return "created database " + database;
        }
    }

    /** What the children need besides the configuration: the default address, when it was found. */
    Map<String, String> environment() {
        return found.map(url -> Map.of("NAUTILUS_DB_URL", url)).orElse(Map.of());
    }
}
