package dev.nautilus.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real PostgreSQL the tests run against ({@code NAUTILUS_TEST_DB_URL}, default the local
 * {@code test} database as {@code root}, trust auth), with one throw-away schema per test class.
 */
public final class TestDatabase {

    public static final String URL =
            System.getenv().getOrDefault("NAUTILUS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("NAUTILUS_TEST_DB_USER", "root");
    public static final String PASSWORD = System.getenv("NAUTILUS_TEST_DB_PASSWORD");

    private TestDatabase() {}

    /** A fresh, unused schema name. */
    public static String newSchema() {
        return "nautilus_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** Config for PostgreSQL in {@code schema}, small batches so tests see several. */
    public static StoreConfig postgres(String schema) {
        return StoreConfig.postgres(URL, USER, PASSWORD).withSchema(schema).withPoolSize(4);
    }

    /** Config for the embedded store in {@code dir}. */
    public static StoreConfig duckdb(Path dir) {
        return StoreConfig.embedded(dir);
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** Drops a test schema and everything in it. */
    public static void dropSchema(String schema) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            // The name comes from newSchema(): a fixed prefix and hex digits.
            statement.execute("drop schema if exists " + schema + " cascade");
        }
    }
}
