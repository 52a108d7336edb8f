package dev.nautilus.app.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nautilus.app.cli.NautilusCommand;
import dev.nautilus.testkit.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nautilus monitor} as an operator runs it, against real redis-server processes. */
class MonitorCommandTest {

    private static final String RISK = "nautilus:engine_logic:risk_metric";
    private static final String PRICES = "nautilus:marketdata:price_update";

    private static RedisServer marketData;
    private static RedisServer engineLogic;

    @TempDir
    Path dir;

    /** What one run of the command printed and returned. */
    private record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void startRedis() {
        marketData = RedisServer.start();
        engineLogic = RedisServer.start();
        engineLogic.command("XGROUP", "CREATE", RISK, "risk", "0", "MKSTREAM");
        for (int i = 1; i <= 5; i++) {
            engineLogic.command("XADD", RISK, i + "-0", "message_type", "risk_metric");
        }
        engineLogic.command("XREADGROUP", "GROUP", "risk", "risk-1", "COUNT", "2", "STREAMS", RISK, ">");
        engineLogic.command("XADD", "nautilus:engine_logic:dead", "*", "reason", "handler failed");
        for (int i = 0; i < 3; i++) {
            engineLogic.command("XREADGROUP", "GROUP", "gone", "c", "STREAMS", RISK, ">"); // NOGROUP
        }
        marketData.command("XGROUP", "CREATE", PRICES, "features", "$", "MKSTREAM");
        marketData.command("XADD", PRICES, "*", "message_type", "price_update");
    }

    @AfterAll
    static void stopRedis() {
        Stream.of(marketData, engineLogic).filter(r -> r != null).forEach(RedisServer::close);
    }

    private Run run(String... args) throws Exception {
        // An empty configuration file: only the command-line URLs count (environment aside).
        Path config = Files.writeString(dir.resolve("nautilus.yaml"), "");
        String[] full = Stream.concat(Stream.of("--config", config.toString(), "monitor"), Stream.of(args))
                .toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = NautilusCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(full);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonIsOneParsableSnapshotWithTheFiguresOfEachRedis() throws Exception {
        Run run = run("--json", "--marketdata", marketData.url(), "--engine-logic", engineLogic.url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.path("taken_at").asText()).isNotBlank();
        assertThat(root.path("redis")).hasSize(2);
        JsonNode md = root.path("redis").get(0);
        assertThat(md.path("name").asText()).isEqualTo("MarketData bus");
        assertThat(md.path("bus").asText()).isEqualTo("marketdata");
        assertThat(md.path("reachable").asBoolean()).isTrue();
        assertThat(md.path("redis_version").asText()).isNotBlank();
        assertThat(md.path("cpu").path("basis").asText()).isIn("since_start", "unavailable");
        assertThat(md.path("clients_by_engine").path("monitor").asInt()).isEqualTo(1);
        assertThat(md.path("memory").has("used_memory")).isTrue();
        assertThat(md.path("streams").get(0).path("key").asText()).isEqualTo(PRICES);
        assertThat(md.path("streams").get(0).path("length").asLong()).isEqualTo(1);
        assertThat(md.path("streams").get(0).path("groups").get(0).path("lag").asLong())
                .isEqualTo(1);

        JsonNode el = root.path("redis").get(1);
        assertThat(el.path("name").asText()).isEqualTo("Engine Logic bus");
        JsonNode risk = null;
        for (JsonNode stream : el.path("streams")) {
            if (stream.path("key").asText().equals(RISK)) {
                risk = stream;
            }
        }
        assertThat(risk).as("stream %s in %s", RISK, el.path("streams")).isNotNull();
        assertThat(risk.path("length").asLong()).isEqualTo(5);
        JsonNode group = risk.path("groups").get(0);
        assertThat(group.path("name").asText()).isEqualTo("risk");
        assertThat(group.path("pending").asLong()).isEqualTo(2);
        assertThat(group.path("lag").asLong()).isEqualTo(3);
        assertThat(group.path("consumers").asLong()).isEqualTo(1);
        assertThat(el.path("dead_letters").asLong()).isEqualTo(1);
        JsonNode xreadgroup = null;
        for (JsonNode command : el.path("commands")) {
            if (command.path("command").asText().equals("xreadgroup")) {
                xreadgroup = command;
            }
        }
        assertThat(xreadgroup).isNotNull();
        assertThat(xreadgroup.path("failed_calls").asLong()).isEqualTo(3);
        assertThat(el.path("errors").path("NOGROUP").asLong()).isEqualTo(3);
        assertThat(el.path("error").isNull()).isTrue();
    }

    @Test
    void onceIsOneTableWithASectionPerRedisAndFailedCallsMarked() throws Exception {
        Run run = run("--once", "--no-color", "--marketdata", marketData.url(), "--engine-logic", engineLogic.url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Nautilus bus monitor")
                .contains("== MarketData bus  " + marketData.url())
                .contains("== Engine Logic bus  " + engineLogic.url())
                .contains("CPU", "Clients", "Commands", "FAILED", "Streams", "Dead letters", "LAG", "PENDING")
                .contains(RISK, PRICES)
                .doesNotContain("\033[");
        String xreadgroupLine = run.out()
                .lines()
                .filter(l -> l.contains("xreadgroup"))
                .findFirst()
                .orElseThrow();
        assertThat(xreadgroupLine).endsWith("3 !");
    }

    @Test
    void anUnreachableRedisIsShownAndMakesTheOneShotExitWithOne() throws Exception {
        String down = "redis://127.0.0.1:" + RedisServer.unusedPort();

        Run run = run("--once", "--engine-logic", engineLogic.url(), "--main", down);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("== main Redis  " + down)
                .contains("UNREACHABLE")
                .contains("== Engine Logic bus");
    }

    @Test
    void withNothingToWatchItSaysHowToConfigureRedisAndExitsWithTwo() throws Exception {
        assumeTrue(
                System.getenv("NAUTILUS_MARKETDATA_BUS_URL") == null
                        && System.getenv("NAUTILUS_MAIN_REDIS_URL") == null,
                "the environment configures a Redis, so there is something to watch");

        Run run = run("--once");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("no Redis to watch")
                .contains("NAUTILUS_MARKETDATA_BUS_URL")
                .contains("NAUTILUS_ENGINE_LOGIC_BUS_URL")
                .contains("--marketdata URL");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpListsTheOptionsAndExitCodes() throws Exception {
        Run run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(
                        "--once",
                        "--json",
                        "--interval=SECONDS",
                        "--marketdata=URL",
                        "--engine-logic=URL",
                        "--main=URL",
                        "CPU %",
                        "Exit codes");
        assertThat(run.err()).doesNotContain("WARN");
    }

    @Test
    void aBadUrlIsAConfigurationErrorNamingTheOption() throws Exception {
        Run run = run("--once", "--marketdata", "http://localhost:6380");

        assertThat(run.exitCode()).isEqualTo(NautilusCommand.BAD_CONFIG);
        assertThat(run.err()).contains("--marketdata").contains("redis://");
    }
}
