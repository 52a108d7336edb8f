package dev.nautilus.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.config.ConfigKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nautilus config} as an operator runs it: a file, variables, and what it prints of them. */
class ConfigCommandTest {

    private static final String FILE_PASSWORD = "nautilus-test-secret-db-password";
    private static final String ADMIN_TOKEN = "nautilus-test-secret-admin-token";
    private static final String BUS_PASSWORD = "nautilus-test-secret-bus";

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    private record Run(int exitCode, String out, String err) {

        /** The printed rows by key: {value, source}. */
        Map<String, List<String>> rows() {
            Map<String, List<String>> rows = new LinkedHashMap<>();
            out.lines().skip(1).forEach(line -> {
                String[] columns = line.split(" {2,}", 3);
                rows.put(columns[0], List.of(columns[1], columns[2]));
            });
            return rows;
        }
    }

    private static Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = NautilusCommand.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void everyKeyIsPrintedWithItsValueAndWhereItCameFromAndNoSecret() throws Exception {
        Path file = Files.writeString(dir.resolve("nautilus.yaml"), """
                bus:
                  stream_prefix: desk
                  buffer_size: 500
                store:
                  db_url: jdbc:postgresql://db.example:5432/nautilus?password=%s
                  db_user: trader
                  db_password: %s
                """.formatted(FILE_PASSWORD, FILE_PASSWORD));
        Map<String, String> environment = Map.of(
                "NAUTILUS_BUFFER_SIZE",
                "750",
                "NAUTILUS_MARKETDATA_BUS_URL",
                "redis://bus:" + BUS_PASSWORD + "@127.0.0.1:6380",
                "NAUTILUS_ENGINE_LOGIC_BUS_URL",
                "rediss://" + BUS_PASSWORD + "@127.0.0.1:6381/2",
                "NAUTILUS_API_TOKEN",
                ADMIN_TOKEN,
                "HOME",
                "/not/a/nautilus/variable");

        Run run = run(environment, "--config", file.toString(), "config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out() + run.err()).doesNotContain("nautilus-test-secret");
        assertThat(run.out().lines().findFirst().orElseThrow()).matches("key +value +source");
        Map<String, List<String>> rows = run.rows();
        assertThat(rows.keySet())
                .containsExactlyElementsOf(Arrays.stream(ConfigKey.values())
                        .map(ConfigKey::fileKey)
                        .toList());
        String fromFile = "file " + file;
        assertThat(rows.get("bus.stream_prefix")).containsExactly("desk", fromFile);
        assertThat(rows.get("bus.buffer_size")).containsExactly("750", "env NAUTILUS_BUFFER_SIZE");
        assertThat(rows.get("bus.marketdata_url"))
                .containsExactly("redis://bus:***@127.0.0.1:6380", "env NAUTILUS_MARKETDATA_BUS_URL");
        assertThat(rows.get("bus.engine_logic_url"))
                .containsExactly("rediss://***@127.0.0.1:6381/2", "env NAUTILUS_ENGINE_LOGIC_BUS_URL");
        assertThat(rows.get("store.db_url"))
                .containsExactly("jdbc:postgresql://db.example:5432/nautilus?password=***", fromFile);
        assertThat(rows.get("store.db_user")).containsExactly("trader", fromFile);
        assertThat(rows.get("store.db_password")).containsExactly("***", fromFile);
        assertThat(rows.get("http.api_token")).containsExactly("***", "env NAUTILUS_API_TOKEN");
        assertThat(rows.get("http.read_token")).containsExactly("(unset)", "default");
        assertThat(rows.get("bus.stream_maxlen")).containsExactly("100000", "default");
        assertThat(rows.get("http.host")).containsExactly("127.0.0.1", "default");
    }

    @Test
    void withNeitherFileNorVariablesEveryValueIsItsDefault() {
        Run run = run(Map.of(), "config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, List<String>> rows = run.rows();
        for (ConfigKey key : ConfigKey.values()) {
            String value = key.defaultValue() == null ? "(unset)" : key.defaultValue();
            assertThat(rows.get(key.fileKey())).as(key.fileKey()).containsExactly(value, "default");
        }
    }

    @Test
    void aBadValueIsPrintedBesideItsSourceThenRefusedAsEveryCommandWould() throws Exception {
        Path file = Files.writeString(dir.resolve("nautilus.yaml"), "websocket:\n  max_clients: none\n");

        Run run = run(Map.of("NAUTILUS_DB_PASSWORD", FILE_PASSWORD), "--config", file.toString(), "config");

        assertThat(run.exitCode()).isEqualTo(NautilusCommand.BAD_CONFIG);
        assertThat(run.rows().get("websocket.max_clients")).containsExactly("none", "file " + file);
        assertThat(run.rows().get("store.db_password")).containsExactly("***", "env NAUTILUS_DB_PASSWORD");
        assertThat(run.err()).contains("websocket.max_clients (NAUTILUS_WEBSOCKET_MAX_CLIENTS) must be a whole number");
        assertThat(run.out() + run.err()).doesNotContain("nautilus-test-secret");
    }

    @Test
    void theFileMayAlsoBeGivenAfterTheCommand() throws Exception {
        Path file = Files.writeString(dir.resolve("nautilus.yaml"), "port_offset: 100\n");

        Run run = run(Map.of(), "config", "--config", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.rows().get("port_offset")).containsExactly("100", "file " + file);
    }

    @Test
    void anUnknownFileKeyIsRefusedBeforeAnythingIsPrinted() throws Exception {
        Path file = Files.writeString(dir.resolve("nautilus.yaml"), "bus:\n  stream_prefx: desk\n");

        Run run = run(Map.of(), "--config", file.toString(), "config");

        assertThat(run.exitCode()).isEqualTo(NautilusCommand.BAD_CONFIG);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("unknown key(s) [bus.stream_prefx]");
        assertThat(Stream.of(run.err().split("\n"))).hasSize(1);
    }
}
