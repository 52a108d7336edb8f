package dev.nautilus.app.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.StoreSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code up --processes} without a configured database: the real PostgreSQL at the default address
 * is used when it answers, and a clear line says none is when nothing answers there.
 */
class StoreChoiceTest {

    private static final String TEST_DB =
            System.getenv().getOrDefault("NAUTILUS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String TEST_USER = System.getenv().getOrDefault("NAUTILUS_TEST_DB_USER", "root");

    private static StoreSettings settings(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("NAUTILUS_DB_USER", TEST_USER);
        return new ConfigLoader(all).load().store();
    }

    @Test
    void aPostgresqlAnsweringAtTheDefaultAddressIsHandedToTheChildren() {
        StoreChoice choice = StoreChoice.of(settings(Map.of("NAUTILUS_DB_DEFAULT_URL", TEST_DB)));
        assertThat(choice.found()).contains(TEST_DB);
        assertThat(choice.environment()).containsEntry("NAUTILUS_DB_URL", TEST_DB);
        assertThat(choice.line()).startsWith("PostgreSQL ").contains("found at the default address");
    }

    @Test
    void aServerWithoutTheDatabaseGetsItCreated() throws SQLException {
        String database = "nautilus_choice_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        String url = TEST_DB.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        try {
            StoreChoice choice = StoreChoice.of(settings(Map.of("NAUTILUS_DB_DEFAULT_URL", url)));
            assertThat(choice.found()).contains(url);
            assertThat(choice.line()).contains("created database " + database + " at the default address");
            StoreChoice again = StoreChoice.of(settings(Map.of("NAUTILUS_DB_DEFAULT_URL", url)));
            assertThat(again.line()).contains("(found at the default address");
        } finally {
            try (Connection connection = DriverManager.getConnection(TEST_DB, TEST_USER, null);
                    Statement drop = connection.createStatement()) {
                drop.execute("DROP DATABASE IF EXISTS \"" + database + "\"");
            }
        }
    }

    @Test
    void nothingAnsweringThereMeansNoStoreSaidInOneLine() throws IOException {
        int unused;
        try (ServerSocket socket = new ServerSocket(0)) {
            unused = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + unused + "/nautilus";
        StoreChoice choice = StoreChoice.of(settings(Map.of("NAUTILUS_DB_DEFAULT_URL", url)));
        assertThat(choice.found()).isEmpty();
        assertThat(choice.environment()).isEmpty();
        assertThat(choice.line())
                .startsWith("none: no PostgreSQL at jdbc:postgresql://127.0.0.1:" + unused)
                .contains("engines keep no state")
                .doesNotContain("\n");
    }

    @Test
    void aConfiguredDatabaseIsUsedAsItIsAndNoneMeansNone() {
        StoreChoice configured = StoreChoice.of(settings(Map.of("NAUTILUS_DB_URL", TEST_DB)));
        assertThat(configured.found()).isEmpty(); // the children read it from the configuration
        assertThat(configured.line()).contains("(configured)");
        StoreChoice none = StoreChoice.of(settings(Map.of("NAUTILUS_DB_DEFAULT_URL", "none")));
        assertThat(none.found()).isEmpty();
        assertThat(none.line()).startsWith("none");
    }
}
