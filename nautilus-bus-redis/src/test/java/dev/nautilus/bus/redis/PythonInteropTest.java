package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.testkit.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Python engine written the seeds' way (redis-py, the seed's field names and formats) and a
 * Java engine read each other's messages. Uses Debian's python3 with python3-redis, which
 * {@code ./nautilus test} installs.
 */
class PythonInteropTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path dir;

    private static Path script;

    @BeforeAll
    static void extractScript() throws IOException {
        script = dir.resolve("seed_client.py");
        try (var in = PythonInteropTest.class.getResourceAsStream("/interop/seed_client.py")) {
            Files.copy(in, script);
        }
        Process check = new ProcessBuilder(PYTHON, "-c", "import redis")
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes());
        try {
            assertThat(check.waitFor())
                    .as("Debian's python3 with python3-redis is needed (./nautilus test installs it): " + output)
                    .isZero();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aJavaEngineConsumesWhatAPythonSeedEnginePublishes() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = bus(md, el)) {
            List<Message> received = new CopyOnWriteArrayList<>();
            bus.subscribe(
                    new SubscriptionSpec("risk", "risk-1", List.of("risk_metric"), EnumSet.of(MessageType.RISK_METRIC)),
                    received::add);
            python(
                    "publish",
                    Integer.toString(el.port()),
                    "nautilus:engine_logic:risk_metric",
                    "risk_metric",
                    "python_risk",
                    "urgent",
                    "{\"var_95\": 1234.5, \"instrument\": \"BTCUSD\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
            Message message = received.get(0);
            assertThat(message.type()).isEqualTo(MessageType.RISK_METRIC);
            assertThat(message.sourceEngine()).isEqualTo("python_risk");
            assertThat(message.priority()).isEqualTo(Priority.URGENT);
            assertThat(message.topic()).isEqualTo("risk_metric");
            assertThat(message.timestampMicros())
                    .isCloseTo(System.currentTimeMillis() * 1000, org.assertj.core.data.Offset.offset(60_000_000L));
            assertThat(message.payloadAs(JsonNode.class).get("var_95").asDouble())
                    .isEqualTo(1234.5);
            assertThat(message.id()).matches("\\d+-\\d+");
        }
    }

    @Test
    void aPythonSeedEngineReadsWhatAJavaEnginePublishes() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = bus(md, el)) {
            // The Python group exists before the Java publish, like a seed engine already running.
            python(
                    "read",
                    Integer.toString(el.port()),
                    "nautilus:engine_logic:strategy_signal",
                    "py_analytics",
                    "py-1",
                    "0",
                    "100");
            Message sent = Message.builder(MessageType.STRATEGY_SIGNAL, "strategy.signal.ma_cross")
                    .source("strategy")
                    .payload(Map.of("instrument", "BTCUSD", "target", 1.5))
                    .build();
            bus.publish(sent);
            List<String> lines = python(
                    "read",
                    Integer.toString(el.port()),
                    "nautilus:engine_logic:strategy_signal",
                    "py_analytics",
                    "py-1",
                    "1",
                    "10000");
            assertThat(lines).hasSize(1);
            JsonNode fields = new ObjectMapper().readTree(lines.get(0)).get("fields");
            assertThat(fields.get("message_type").asText()).isEqualTo("strategy_signal");
            assertThat(fields.get("source_engine").asText()).isEqualTo("strategy");
            assertThat(fields.get("priority").asText()).isEqualTo("normal");
            assertThat(Double.parseDouble(fields.get("timestamp").asText()) * 1e6)
                    .isCloseTo(sent.timestampMicros(), org.assertj.core.data.Offset.offset(1.0));
            JsonNode payload = new ObjectMapper().readTree(fields.get("payload").asText());
            assertThat(payload.get("instrument").asText()).isEqualTo("BTCUSD");
            assertThat(payload.get("target").asDouble()).isEqualTo(1.5);
            assertThat(fields.get("id").asText()).isEqualTo(sent.id());
            assertThat(fields.get("topic").asText()).isEqualTo("strategy.signal.ma_cross");
        }
    }

    private static DualMessageBus bus(RedisServer md, RedisServer el) {
        return RedisBuses.dualBus(
                RoutingTable.defaults(),
                RedisBusConfig.defaults(md.url(), "java"),
                RedisBusConfig.defaults(el.url(), "java"));
    }

    private static List<String> python(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor())
                .as("python " + String.join(" ", args) + ":\n" + output)
                .isZero();
        return output.lines().filter(l -> l.startsWith("{")).toList();
    }
}
