package dev.nautilus.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.app.Connections;
import dev.nautilus.app.cli.NautilusCommand;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.store.Store;
import dev.nautilus.store.Stores;
import dev.nautilus.store.jdbc.StoreException;
import dev.nautilus.store.model.EngineStateRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code nautilus db-roles} on the real PostgreSQL: one login role per engine and one for the API;
 * an engine process connects as its role and reaches its own state only, the API's role reads.
 * Roles are the cluster's, so their names carry a prefix of this run, and they are dropped after.
 */
class DatabaseRolesTest {

    private static final String DB_URL =
            System.getenv().getOrDefault("NAUTILUS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String DB_USER = System.getenv().getOrDefault("NAUTILUS_TEST_DB_USER", "root");
    private static final String RUN =
            Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFFL);
    private static final String SCHEMA = "nautilus_deploy_roles_" + RUN;
    private static final String PREFIX = "nautilus_t" + RUN + "_";
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "NAUTILUS_DB_URL", DB_URL,
            "NAUTILUS_DB_USER", DB_USER,
            "NAUTILUS_DB_SCHEMA", SCHEMA,
            "NAUTILUS_DB_ROLE_PREFIX", PREFIX,
            "NAUTILUS_DB_ROLE_SECRET", "nautilus-test-secret-" + RUN + "-roles-0123456789abcdef");

    private static NautilusConfig config;
    private static String output;

    @BeforeAll
    static void createRoles() {
        config = new ConfigLoader(ENVIRONMENT).load();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NautilusCommand.commandLine(ENVIRONMENT)
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute("db-roles");
        output = out.toString();
        assertThat(code).as(err.toString()).isZero();
    }

    @AfterAll
    static void dropRoles() throws SQLException {
        try (Connection owner = DriverManager.getConnection(DB_URL, DB_USER, null);
                Statement sql = owner.createStatement()) {
            sql.execute("drop schema if exists " + SCHEMA + " cascade");
            for (String identity : DatabaseRoles.identities()) {
                String role = PREFIX + identity;
                try (ResultSet exists = sql.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")) {
                    if (!exists.next()) {
                        continue;
                    }
                }
                sql.execute("drop owned by " + role);
                sql.execute("drop role " + role);
            }
        }
    }

    private static EngineStateRow row(String engine, long sequence) {
        return new EngineStateRow(engine, sequence, sequence, "{}", List.of("id-" + sequence), Instant.now(), "");
    }

    @Test
    void everyEngineAndTheApiGetARole() throws SQLException {
        assertThat(output).contains(PREFIX + EngineMatrix.PORTFOLIO, PREFIX + DatabaseRoles.API);
        try (Connection owner = DriverManager.getConnection(DB_URL, DB_USER, null);
                PreparedStatement query =
                        owner.prepareStatement("select count(*) from pg_roles where rolname like ? and rolcanlogin")) {
            query.setString(1, PREFIX + "%");
            try (ResultSet count = query.executeQuery()) {
                count.next();
                assertThat(count.getInt(1)).isEqualTo(EngineMatrix.all().size() + 1);
            }
        }
    }

    @Test
    void anEngineConnectsAsItsRoleAndReachesItsOwnStateOnly() throws SQLException {
        try (Store owner = Stores.open(Connections.storeConfig(config))) {
            owner.engineState().save(row(EngineMatrix.RISK, 1));
        }
        try (Store portfolio = Stores.open(
                Connections.processStoreConfig(config, EngineMatrix.PORTFOLIO).orElseThrow())) {
            assertThat(portfolio.engineState().save(row(EngineMatrix.PORTFOLIO, 1)))
                    .isTrue();
            assertThat(portfolio.engineState().load(EngineMatrix.PORTFOLIO)).isPresent();
            assertThat(portfolio.engineState().load(EngineMatrix.RISK))
                    .as("another engine's row")
                    .isEmpty();
            assertThat(portfolio.engineState().save(row(EngineMatrix.PORTFOLIO + "#partition-3", 1)))
                    .as("a checkpoint of one of its partitions")
                    .isTrue();
            assertThatThrownBy(() -> portfolio.engineState().save(row(EngineMatrix.RISK, 2)))
                    .isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> portfolio.engineState().save(row(EngineMatrix.RISK + "#partition-3", 1)))
                    .as("another engine's partition")
                    .isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> portfolio.trades().count("BTCUSD"))
                    .as("the recorder's tables")
                    .isInstanceOf(StoreException.class);
            assertThat(connectedAs(Connections.applicationName(EngineMatrix.PORTFOLIO)))
                    .containsOnly(PREFIX + EngineMatrix.PORTFOLIO);
        }
    }

    @Test
    void theApisRoleReadsButWritesNothing() {
        try (Store api = Stores.open(
                Connections.processStoreConfig(config, DatabaseRoles.API).orElseThrow())) {
            assertThat(api.trades().count("BTCUSD")).isZero();
            api.engineState().load(EngineMatrix.RISK); // readable, whoever stored it
            assertThatThrownBy(() -> api.engineState().save(row(DatabaseRoles.API, 1)))
                    .isInstanceOf(StoreException.class);
        }
    }

    /** The users holding connections named {@code application}. */
    private static List<String> connectedAs(String application) throws SQLException {
        try (Connection owner = DriverManager.getConnection(DB_URL, DB_USER, null);
                PreparedStatement query = owner.prepareStatement(
                        "select distinct usename from pg_stat_activity where application_name = ?")) {
            query.setString(1, application);
            try (ResultSet rows = query.executeQuery()) {
                List<String> users = new java.util.ArrayList<>();
                while (rows.next()) {
                    users.add(rows.getString(1));
                }
                return users;
            }
        }
    }
}
