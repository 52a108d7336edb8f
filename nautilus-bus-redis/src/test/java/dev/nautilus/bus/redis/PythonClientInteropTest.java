package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DeadLetter;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.codec.MalformedEnvelopeException;
import dev.nautilus.testkit.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java engines and a Python engine on the Python client ({@code clients/python}) share the buses
 * both ways: the same stream keys and priority lanes, consumer groups acknowledged after handling,
 * and one dead-letter format that the Java {@code MessageBus.deadLetters} reads whoever wrote it.
 */
class PythonClientInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PYTHON_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static Path driver;

    private RedisServer marketData;
    private RedisServer engineLogic;
    private DualMessageBus bus;

    @BeforeAll
    static void extractDriver() throws IOException {
        driver = dir.resolve("nautilus_client_driver.py");
        try (var in = PythonClientInteropTest.class.getResourceAsStream("/interop/nautilus_client_driver.py")) {
            Files.copy(in, driver);
        }
    }

    @BeforeEach
    void startBuses() {
        marketData = RedisServer.start();
        engineLogic = RedisServer.start();
        bus = RedisBuses.dualBus(
                RoutingTable.defaults(),
                RedisBusConfig.defaults(marketData.url(), "java"),
                RedisBusConfig.defaults(engineLogic.url(), "java"));
    }

    @AfterEach
    void stopBuses() {
        try (RedisServer md = marketData;
                RedisServer el = engineLogic) {
            bus.close();
        }
    }

    @Test
    void aPythonGroupReadsWhatJavaPublishesAndAcknowledgesIt() throws Exception {
        consume("py_analytics", "py-1", "strategy_signal,price_update", "strategy.*,price.update.*", "handled:0");
        Message signal = Message.builder(MessageType.STRATEGY_SIGNAL, "strategy.signal.ma_cross")
                .source("strategy")
                .priority(Priority.HIGH)
                .correlationId("req-7")
                .replyTo("strategy.replies")
                .payload(Map.of("instrument", "BTCUSD", "target", 1.5))
                .build();
        Message price = Message.builder(MessageType.PRICE_UPDATE, "price.update.BTCUSD")
                .source("marketdata")
                .payload(Map.of("price", 812.5))
                .build();
        bus.publish(signal);
        bus.publish(price);
        bus.publish(Message.builder(MessageType.STRATEGY_SIGNAL, "other.topic")
                .source("strategy")
                .build());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> length(engineLogic, "nautilus:engine_logic:strategy_signal")
                                + length(engineLogic, "nautilus:engine_logic:strategy_signal:high")
                                + length(marketData, "nautilus:marketdata:price_update")
                        == 3);

        List<JsonNode> handled = consume(
                "py_analytics", "py-1", "strategy_signal,price_update", "strategy.*,price.update.*", "handled:2");

        JsonNode first = handled.stream()
                .filter(m -> m.get("type").asText().equals("strategy_signal"))
                .findFirst()
                .orElseThrow();
        assertThat(first.get("id").asText()).isEqualTo(signal.id());
        assertThat(first.get("topic").asText()).isEqualTo("strategy.signal.ma_cross");
        assertThat(first.get("source").asText()).isEqualTo("strategy");
        assertThat(first.get("priority").asText()).isEqualTo("high");
        assertThat(first.get("timestamp_micros").asLong()).isEqualTo(signal.timestampMicros());
        assertThat(first.get("payload").get("target").asDouble()).isEqualTo(1.5);
        assertThat(first.get("correlation_id").asText()).isEqualTo("req-7");
        assertThat(first.get("reply_to").asText()).isEqualTo("strategy.replies");
        assertThat(first.get("stream").asText()).isEqualTo("nautilus:engine_logic:strategy_signal:high");
        assertThat(handled).extracting(m -> m.get("id").asText()).containsExactlyInAnyOrder(signal.id(), price.id());
        assertThat(handled).hasSize(2);
        // Acknowledged after handling: nothing of the group is left pending on either bus.
        assertThat(pending(engineLogic, "nautilus:engine_logic:strategy_signal", "py_analytics"))
                .isZero();
        assertThat(pending(engineLogic, "nautilus:engine_logic:strategy_signal:high", "py_analytics"))
                .isZero();
        assertThat(pending(marketData, "nautilus:marketdata:price_update", "py_analytics"))
                .isZero();
    }

    @Test
    void anUrgentMessagePublishedInJavaAfterANormalBacklogIsHandledFirstInPython() throws Exception {
        consume("py_risk", "py-1", "risk_metric", "*", "handled:0");
        for (int i = 0; i < 300; i++) {
            bus.publish(Message.builder(MessageType.RISK_METRIC, "risk.metric.var")
                    .source("risk")
                    .payload(Map.of("i", i))
                    .build());
        }
        Message urgent = Message.builder(MessageType.RISK_METRIC, "risk.alert.breach")
                .source("risk")
                .priority(Priority.URGENT)
                .payload(Map.of("breach", true))
                .build();
        bus.publish(urgent);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> length(engineLogic, "nautilus:engine_logic:risk_metric") == 300);

        List<JsonNode> handled = consume("py_risk", "py-1", "risk_metric", "*", "handled:301");

        assertThat(handled).hasSize(301);
        assertThat(handled.get(0).get("id").asText()).isEqualTo(urgent.id());
        assertThat(handled.get(0).get("priority").asText()).isEqualTo("urgent");
        assertThat(handled.get(1).get("payload").get("i").asInt()).isZero();
    }

    @Test
    void aJavaGroupReadsWhatPythonPublishesInEveryLane() throws Exception {
        List<Message> received = new CopyOnWriteArrayList<>();
        bus.subscribe(
                new SubscriptionSpec(
                        "risk",
                        "risk-1",
                        List.of("portfolio.*", "price.*"),
                        EnumSet.of(MessageType.PORTFOLIO_UPDATE, MessageType.PRICE_UPDATE)),
                received::add);

        JsonNode normal = publish("portfolio_update", "portfolio.update.main", "normal", "{\"nav\": 1000000.25}");
        JsonNode crash = publish("price_update", "price.update.BTCUSD", "flash_crash", "{\"price\": 1.0}");
        JsonNode request = publish(
                "portfolio_update",
                "portfolio.rebalance",
                "urgent",
                "{\"weights\": [0.5, 0.5]}",
                "req-1",
                "portfolio.replies");

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 3);
        Map<String, Message> byId = new LinkedHashMap<>();
        received.forEach(m -> byId.put(m.id(), m));
        Message first = byId.get(normal.get("id").asText());
        assertThat(first.type()).isEqualTo(MessageType.PORTFOLIO_UPDATE);
        assertThat(first.topic()).isEqualTo("portfolio.update.main");
        assertThat(first.sourceEngine()).isEqualTo("python_engine");
        assertThat(first.priority()).isEqualTo(Priority.NORMAL);
        assertThat(first.timestampMicros())
                .isEqualTo(normal.get("timestamp_micros").asLong());
        assertThat(first.payloadAs(JsonNode.class).get("nav").asDouble()).isEqualTo(1000000.25);
        assertThat(first.id()).matches("[0-9a-z]{8}-[0-9a-z]+");
        Message flash = byId.get(crash.get("id").asText());
        assertThat(flash.type()).isEqualTo(MessageType.PRICE_UPDATE);
        assertThat(flash.priority()).isEqualTo(Priority.FLASH_CRASH);
        Message rebalance = byId.get(request.get("id").asText());
        assertThat(rebalance.priority()).isEqualTo(Priority.URGENT);
        assertThat(rebalance.correlationId()).isEqualTo("req-1");
        assertThat(rebalance.replyTo()).isEqualTo("portfolio.replies");
        // The lanes Java's StreamLanes names.
        assertThat(length(marketData, "nautilus:marketdata:price_update:flash_crash"))
                .isEqualTo(1);
        assertThat(length(engineLogic, "nautilus:engine_logic:portfolio_update:urgent"))
                .isEqualTo(1);
        assertThat(length(engineLogic, "nautilus:engine_logic:portfolio_update"))
                .isEqualTo(1);
        assertThat(bus.deadLetters(Bus.ENGINE_LOGIC, 10)).isEmpty();
    }

    @Test
    void aFailingPythonHandlerIsRetriedThenDeadLetteredInTheFormJavaReads() throws Exception {
        consume("py_risk", "py-1", "strategy_signal", "strategy.*", "handled:0");
        Message signal = Message.builder(MessageType.STRATEGY_SIGNAL, "strategy.signal.ma_cross")
                .source("strategy")
                .payload(Map.of("instrument", "BTCUSD"))
                .build();
        bus.publish(signal);

        consume("py_risk", "py-1", "strategy_signal", "strategy.*", "dead:1", "fail");

        List<DeadLetter> letters = bus.deadLetters(Bus.ENGINE_LOGIC, 10);
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0);
        assertThat(letter.reason())
                .isEqualTo("handler failed 5 times: ValueError: python handler refuses " + signal.id());
        assertThat(letter.deliveries()).isEqualTo(5);
        assertThat(letter.group()).isEqualTo("py_risk");
        assertThat(letter.stream()).isEqualTo("nautilus:engine_logic:strategy_signal");
        assertThat(letter.originalId()).matches("\\d+-\\d+");
        assertThat(letter.deadAtMicros()).isCloseTo(System.currentTimeMillis() * 1000, Offset.offset(60_000_000L));
        assertThat(letter.envelope()).isEqualTo(new EnvelopeCodec().encode(signal));
        assertThat(pending(engineLogic, "nautilus:engine_logic:strategy_signal", "py_risk"))
                .isZero();
    }

    @Test
    void aPythonGroupReadsThePackedEntriesAJavaPublisherWritesEachMessageOnce() throws Exception {
        consume("py_md", "py-1", "price_update", "*", "handled:0");
        int total = 3_000;
        List<String> ids = new ArrayList<>();
        try (DualMessageBus packing = RedisBuses.dualBus(
                RoutingTable.defaults(),
                RedisBusConfig.defaults(marketData.url(), "java").withPackedTypes(Set.of(MessageType.PRICE_UPDATE)),
                RedisBusConfig.defaults(engineLogic.url(), "java"))) {
            for (int i = 0; i < total; i++) {
                Message m = Message.builder(MessageType.PRICE_UPDATE, "price.update.BTCUSD")
                        .source("marketdata")
                        .payload(Map.of("i", i))
                        .build();
                packing.publish(m);
                ids.add(m.id());
            }
            packing.confirmed().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        String stream = "nautilus:marketdata:price_update";
        assertThat(length(marketData, stream))
                .as("entries for %d messages", total)
                .isLessThan(total / 5);

        List<JsonNode> handled = consume("py_md", "py-1", "price_update", "*", "handled:" + total);

        assertThat(handled).extracting(m -> m.get("id").asText()).containsExactlyElementsOf(ids);
        assertThat(handled.get(total - 1).get("payload").get("i").asInt()).isEqualTo(total - 1);
        assertThat(pending(marketData, stream, "py_md")).isZero();
    }

    @Test
    void poisonEntriesOnAJavaStreamAreDeadLetteredByPythonWithTheReasonJavaWouldGive() throws Exception {
        consume("py_risk", "py-1", "risk_metric", "*", "handled:0");
        String stream = "nautilus:engine_logic:risk_metric";
        Map<String, String> badPayload = new LinkedHashMap<>(Map.of(
                "message_type",
                "risk_metric",
                "source_engine",
                "java",
                "payload",
                "[1, 2",
                "priority",
                "normal",
                "timestamp",
                "1724680000.5"));
        Map<String, String> badPriority = new LinkedHashMap<>(badPayload);
        badPriority.put("payload", "{}");
        badPriority.put("priority", "critical");
        engineLogic.redis().xadd(stream, badPayload);
        engineLogic.redis().xadd(stream, badPriority);
        engineLogic.redis().xadd(stream, Map.of("packed", "2", "entries", "[]"));
        Message good = Message.builder(MessageType.RISK_METRIC, "risk.metric.var")
                .source("risk")
                .build();
        bus.publish(good);
        await().atMost(Duration.ofSeconds(20)).until(() -> length(engineLogic, stream) == 4);

        List<JsonNode> handled = consume("py_risk", "py-1", "risk_metric", "*", "dead:3");

        List<DeadLetter> letters = new ArrayList<>(bus.deadLetters(Bus.ENGINE_LOGIC, 10)).reversed();
        assertThat(letters).hasSize(3);
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.group()).isEqualTo("py_risk");
            assertThat(letter.stream()).isEqualTo(stream);
            assertThat(letter.deliveries()).isEqualTo(1);
        });
        String notJson = "malformed envelope: field 'payload' payload is not valid JSON: ";
        assertThat(javaRefusal(badPayload).getMessage()).startsWith(notJson);
        assertThat(letters.get(0).reason()).startsWith("undecodable: " + notJson);
        assertThat(letters.get(0).envelope()).isEqualTo(badPayload);
        assertThat(letters.get(1).reason())
                .isEqualTo("undecodable: " + javaRefusal(badPriority).getMessage());
        // A packed entry without its body: the reason Java gives (EntryDelivery), word for word.
        assertThat(letters.get(2).reason())
                .isEqualTo("undecodable: malformed envelope: field 'packed_body' is missing");
        assertThat(letters.get(2).envelope()).isEqualTo(Map.of("packed", "2", "entries", "[]"));
        // The reader went on: the good message behind the poison was handled.
        assertThat(handled).extracting(m -> m.get("id").asText()).containsExactly(good.id());
        assertThat(pending(engineLogic, stream, "py_risk")).isZero();
    }

    @Test
    void aPythonConsumerTakesOverWhatAStuckJavaConsumerOfItsGroupLeftPending() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Message> javaGot = new CopyOnWriteArrayList<>();
        bus.subscribe(
                new SubscriptionSpec("shared", "java-1", List.of("*"), EnumSet.of(MessageType.RISK_METRIC)),
                message -> {
                    javaGot.add(message);
                    release.await(); // stuck: as good as dead to the group
                });
        Message sent = Message.builder(MessageType.RISK_METRIC, "risk.metric.var")
                .source("risk")
                .build();
        bus.publish(sent);
        await().atMost(Duration.ofSeconds(20)).until(() -> javaGot.size() == 1);

        List<JsonNode> handled = consume("shared", "py-1", "risk_metric", "*", "handled:1", "claim_idle=0.5");

        release.countDown();
        assertThat(handled).extracting(m -> m.get("id").asText()).containsExactly(sent.id());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> pending(engineLogic, "nautilus:engine_logic:risk_metric", "shared") == 0);
    }

    @Test
    void aJavaConsumerTakesOverWhatACrashedPythonConsumerOfItsGroupLeftPending() throws Exception {
        consume("shared", "py-1", "risk_metric", "*", "handled:0");
        Message sent = Message.builder(MessageType.RISK_METRIC, "risk.metric.var")
                .source("risk")
                .build();
        bus.publish(sent);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> length(engineLogic, "nautilus:engine_logic:risk_metric") == 1);
        PythonClient.Result crashed = runDriver(List.of(
                "consume",
                marketData.url(),
                engineLogic.url(),
                "shared",
                "py-1",
                "risk_metric",
                "*",
                "handled:1",
                "30000",
                "crash"));
        assertThat(crashed.exitCode()).as(crashed.output()).isEqualTo(3);
        assertThat(pending(engineLogic, "nautilus:engine_logic:risk_metric", "shared"))
                .isOne();

        List<Message> javaGot = new CopyOnWriteArrayList<>();
        try (DualMessageBus claiming = RedisBuses.dualBus(
                RoutingTable.defaults(),
                RedisBusConfig.defaults(marketData.url(), "java2"),
                RedisBusConfig.defaults(engineLogic.url(), "java2").withClaimIdle(Duration.ofMillis(300)))) {
            claiming.subscribe(
                    new SubscriptionSpec("shared", "java-2", List.of("*"), EnumSet.of(MessageType.RISK_METRIC)),
                    javaGot::add);
            await().atMost(Duration.ofSeconds(20)).until(() -> javaGot.size() == 1);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> pending(engineLogic, "nautilus:engine_logic:risk_metric", "shared") == 0);
        }
        assertThat(javaGot.get(0).id()).isEqualTo(sent.id());
    }

    /** How many entries of the stream the group has read and not acknowledged. */
    private static long pending(RedisServer server, String stream, String group) {
        return server.redis().xpending(stream, group).getCount();
    }

    private static long length(RedisServer server, String stream) {
        return server.redis().xlen(stream);
    }

    /** What the Java codec says about an entry: the Python client must say the same. */
    private static MalformedEnvelopeException javaRefusal(Map<String, String> fields) {
        try {
            new EnvelopeCodec().decode(fields, "1-0");
        } catch (MalformedEnvelopeException e) {
            return e;
        }
        throw new AssertionError("the Java codec accepts " + fields);
    }

    private JsonNode publish(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("publish", marketData.url(), engineLogic.url()));
        command.addAll(List.of(args));
        return python(command).get(0);
    }

    private List<JsonNode> consume(
            String group, String consumer, String types, String patterns, String until, String... flags)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "consume", marketData.url(), engineLogic.url(), group, consumer, types, patterns, until, "30000"));
        command.addAll(List.of(flags));
        return python(command);
    }

    private static PythonClient.Result runDriver(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(driver.toString()));
        command.addAll(args);
        return PythonClient.run(Map.of(), PYTHON_TIMEOUT, command.toArray(String[]::new));
    }

    private static List<JsonNode> python(List<String> args) throws Exception {
        PythonClient.Result result = runDriver(args);
        assertThat(result.exitCode())
                .as("python " + String.join(" ", args) + ":\n" + result.output())
                .isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.jsonLines()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}
