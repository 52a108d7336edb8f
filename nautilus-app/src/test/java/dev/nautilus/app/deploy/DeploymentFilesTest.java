package dev.nautilus.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nautilus.app.engines.EngineCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files in {@code deploy/} are checked as far as this machine allows: the systemd units by
 * {@code systemd-analyze verify}, the compose file by its structure (there is no Docker daemon
 * here), the Redis settings against the ones {@code up --processes} starts its buses with.
 */
class DeploymentFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy");

    @TempDir
    Path units;

    @Test
    void theRedisSettingsAreTheOnesUpProcessesStartsItsBusesWith() throws IOException {
        for (String bus : List.of("marketdata", "engine_logic")) {
            String shipped = Files.readString(DEPLOY.resolve("redis").resolve(bus + ".conf"));
            try (InputStream in = getClass().getResourceAsStream("/nautilus/redis/" + bus + ".conf")) {
                assertThat(shipped).as(bus).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertThat(shipped)
                    .as(bus)
                    .contains("maxmemory-policy noeviction")
                    .doesNotContain("maxmemory-policy allkeys");
        }
        assertThat(Files.readString(DEPLOY.resolve("redis/marketdata.conf"))).contains("appendonly yes");
        assertThat(Files.readString(DEPLOY.resolve("redis/engine_logic.conf"))).contains("appendonly no");
    }

    @Test
    void theSystemdUnitsVerify() throws Exception {
        // installed paths replaced by this checkout's, which systemd-analyze checks exist
        Path launcher = Path.of("..", "nautilus").toAbsolutePath().normalize();
        for (String unit : List.of("nautilus-engine@.service", "nautilus-api.service", "nautilus.target")) {
            String text = Files.readString(DEPLOY.resolve("systemd").resolve(unit))
                    .replace("/opt/nautilus/nautilus", launcher.toString())
                    .replace("User=nautilus", "User=root")
                    .replace("Group=nautilus", "Group=root")
                    .replace("EnvironmentFile=/etc", "EnvironmentFile=-/etc");
            Files.writeString(units.resolve(unit), text);
        }
        Files.createSymbolicLink(
                units.resolve("nautilus-engine@risk.service"), units.resolve("nautilus-engine@.service"));
        for (String unit : List.of("nautilus-engine@risk.service", "nautilus-api.service", "nautilus.target")) {
            Process verify = new ProcessBuilder(
                            "systemd-analyze", "verify", units.resolve(unit).toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(verify.waitFor()).as(unit + ": " + output).isZero();
            assertThat(output).as(unit).doesNotContain(unit.replace("@risk", "@") + ":"); // no complaint about a line
        }
    }

    @Test
    void theComposeFileRunsEveryEngineOnTheTwoBusesWithTheToken() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory())
                .readTree(DEPLOY.resolve("compose/compose.yaml").toFile());
        JsonNode services = compose.get("services");
        List<String> missing = new ArrayList<>();
        for (String engine : EngineCatalog.PLATFORM) {
            JsonNode service = services.get(engine.replace('_', '-'));
            if (service == null) {
                missing.add(engine);
                continue;
            }
            assertThat(service.get("command").get(1).asText()).isEqualTo(engine);
            JsonNode environment = service.get("environment");
            assertThat(environment.get("NAUTILUS_API_TOKEN").asText())
                    .as(engine)
                    .contains("NAUTILUS_API_TOKEN");
            assertThat(environment.get("NAUTILUS_MARKETDATA_BUS_URL").asText()).contains("redis-marketdata");
            assertThat(environment.get("NAUTILUS_ENGINE_LOGIC_BUS_URL").asText())
                    .contains("redis-engine-logic");
        }
        assertThat(missing).as("engines without a service").isEmpty();
        for (String redis : List.of("redis-marketdata", "redis-engine-logic")) {
            assertThat(services.get(redis).get("command").toString()).contains(".conf");
        }
        services.fields()
                .forEachRemaining(service -> service.getValue()
                        .path("ports")
                        .forEach(port -> assertThat(port.asText())
                                .as(service.getKey() + " publishes on the host's loopback only")
                                .startsWith("127.0.0.1:")));
    }
}
