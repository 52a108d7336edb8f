package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.redis.monitor.BusMonitor;
import dev.nautilus.bus.redis.monitor.ClusterNodes;
import dev.nautilus.bus.redis.monitor.MonitorSnapshot;
import dev.nautilus.bus.redis.monitor.MonitorTarget;
import dev.nautilus.bus.redis.monitor.RedisSnapshot;
import dev.nautilus.bus.redis.monitor.StreamInfo;
import dev.nautilus.testkit.RedisCluster;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A bus on a real three-node Redis Cluster: where streams live, reads across nodes, and clean counters. */
class RedisClusterBusTest {

    private static final Set<MessageType> ENGINE_TYPES = EnumSet.of(
            MessageType.RISK_METRIC,
            MessageType.STRATEGY_SIGNAL,
            MessageType.PORTFOLIO_UPDATE,
            MessageType.VPIN_CALCULATION,
            MessageType.ML_PREDICTION,
            MessageType.ENGINE_HEALTH);
    private static final StreamLanes LANES = new StreamLanes(RoutingTable.defaults(), true);

    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void emptyCluster() {
        cluster.nodes().forEach(node -> {
            node.command("FLUSHALL");
            node.command("CONFIG", "RESETSTAT");
        });
    }

    private static DualMessageBus bus() {
        RedisBusConfig config =
                RedisBusConfig.defaults(cluster.url(), "cluster-test").withCluster(true);
        return RedisBuses.dualBus(RoutingTable.defaults(), config, config);
    }

    @Test
    void eachTypeHasItsStreamsOnTheNodeOfItsSlotAndTheTypesSpreadOverTheNodes() {
        try (DualMessageBus bus = bus()) {
            for (MessageType type : ENGINE_TYPES) {
                bus.publish(Message.builder(type, "t." + type.wireName())
                        .source("test")
                        .payload(Map.of())
                        .build());
                bus.publish(Message.builder(type, "t." + type.wireName())
                        .source("test")
                        .priority(Priority.URGENT)
                        .payload(Map.of())
                        .build());
            }
            ((RedisTransport) bus.transport(Bus.ENGINE_LOGIC)).awaitPublished(Duration.ofSeconds(10));
        }
        Set<Integer> nodesUsed = new HashSet<>();
        for (MessageType type : ENGINE_TYPES) {
            String normal = LANES.key(type, Priority.NORMAL);
            String urgent = LANES.key(type, Priority.URGENT);
            assertThat(normal).isEqualTo("nautilus:engine_logic:{" + type.wireName() + "}");
            RedisServer node = cluster.nodeOf(normal);
            assertThat(node).isSameAs(cluster.nodeOf(urgent));
            assertThat(node.command("XLEN", normal)).as(normal).isEqualTo(":1\r\n");
            assertThat(node.command("XLEN", urgent)).as(urgent).isEqualTo(":1\r\n");
            nodesUsed.add(cluster.nodes().indexOf(node));
        }
        assertThat(nodesUsed).as("nodes holding streams").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void oneSubscriptionReadsTypesOnEveryNodeOneMessageAtATimeWithNoFailedOrRedirectedCall() {
        int perType = 2_000;
        Map<MessageType, AtomicInteger> received = new ConcurrentHashMap<>();
        AtomicInteger inHandler = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        try (DualMessageBus bus = bus()) {
            bus.subscribe(new SubscriptionSpec("portfolio", "portfolio-1", List.of("*"), ENGINE_TYPES), message -> {
                mostAtOnce.accumulateAndGet(inHandler.incrementAndGet(), Math::max);
                received.computeIfAbsent(message.type(), t -> new AtomicInteger())
                        .incrementAndGet();
                inHandler.decrementAndGet();
            });
            for (int i = 0; i < perType; i++) {
                for (MessageType type : ENGINE_TYPES) {
                    bus.publish(Message.builder(type, "t." + type.wireName())
                            .source("test")
                            .payload(Map.of("i", i))
                            .build());
                }
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ENGINE_TYPES.stream()
                            .allMatch(type -> received.containsKey(type)
                                    && received.get(type).get() == perType));
            // Acknowledged: nothing pending in any group on any node.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ENGINE_TYPES.stream().allMatch(type -> {
                        String key = LANES.key(type, Priority.NORMAL);
                        return cluster.nodeOf(key)
                                .command("XPENDING", key, "portfolio")
                                .startsWith("*4\r\n:0\r\n");
                    }));
            for (RedisServer node : cluster.nodes()) {
                assertThat(node.commandStat("xreadgroup", "failed_calls")).isZero();
                assertThat(node.commandStat("xreadgroup", "rejected_calls")).isZero();
                assertThat(node.commandStat("xadd", "rejected_calls"))
                        .as("XADD sent to the wrong node")
                        .isZero();
                assertThat(node.info("errorstats")).doesNotContain("MOVED").doesNotContain("CROSSSLOT");
                // Every connection of the bus names itself; the one unnamed is this test's CLIENT LIST.
                List<String> unnamed = Arrays.stream(
                                node.command("CLIENT", "LIST").split("\n"))
                        .filter(line -> line.contains("id=") && line.contains(" name= "))
                        .toList();
                assertThat(unnamed).hasSize(1).allMatch(line -> line.contains("cmd=client|list"));
            }
        }
        assertThat(mostAtOnce).as("handler calls at once").hasValue(1);
    }

    @Test
    void theMonitorWatchesEveryNodeAndCountsEachStreamAndDeadLetterOnce() {
        try (DualMessageBus bus = bus()) {
            bus.subscribe(new SubscriptionSpec("risk", "risk-1", List.of("*"), ENGINE_TYPES), message -> {
                if (message.topic().equals("t.poison")) {
                    throw new IllegalStateException("poison");
                }
            });
            for (MessageType type : ENGINE_TYPES) {
                bus.publish(Message.builder(type, "t." + type.wireName())
                        .source("test")
                        .payload(Map.of())
                        .build());
            }
            bus.publish(Message.builder(MessageType.RISK_METRIC, "t.poison")
                    .source("test")
                    .payload(Map.of())
                    .build());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !bus.deadLetters(Bus.ENGINE_LOGIC, 1).isEmpty());

            MonitorTarget seed = MonitorTarget.forBus(Bus.ENGINE_LOGIC, cluster.url(), "nautilus");
            List<MonitorTarget> nodes = ClusterNodes.of(seed, Duration.ofSeconds(2));
            assertThat(nodes)
                    .hasSize(3)
                    .allMatch(node -> node.name().startsWith("Engine Logic bus 127.0.0.1:")
                            && node.name().endsWith(" master"));
            try (BusMonitor monitor = new BusMonitor(nodes, Duration.ofSeconds(2), Duration.ZERO)) {
                MonitorSnapshot snapshot = monitor.snapshot();
                assertThat(snapshot.redis()).hasSize(3).allMatch(RedisSnapshot::reachable);
                List<String> streams = snapshot.redis().stream()
                        .flatMap(node -> node.streams().stream())
                        .map(StreamInfo::key)
                        .filter(key -> !key.endsWith(":dead"))
                        .toList();
                assertThat(streams)
                        .doesNotHaveDuplicates()
                        .containsAll(ENGINE_TYPES.stream()
                                .map(type -> LANES.key(type, Priority.NORMAL))
                                .toList());
                assertThat(snapshot.redis().stream()
                                .mapToLong(RedisSnapshot::deadLetters)
                                .sum())
                        .isEqualTo(1);
                assertThat(snapshot.redis())
                        .allMatch(node -> node.warnings().isEmpty(), "no warnings")
                        .allMatch(node -> node.errors().isEmpty(), "no errors on any node");
            }
        }
    }

    @Test
    void aNodeRestartedDuringARunLosesNothingPublishedWhileItWasDown() {
        MessageType type = MessageType.STRATEGY_SIGNAL;
        RedisServer node = cluster.nodeOf(LANES.key(type, Priority.NORMAL));
        Set<Integer> received = ConcurrentHashMap.newKeySet();
        try (DualMessageBus bus = bus()) {
            bus.subscribe(
                    new SubscriptionSpec("portfolio", "portfolio-1", List.of("*"), EnumSet.of(type)),
                    message -> received.add(message.payload().tree().get("i").asInt()));
            for (int i = 0; i < 100; i++) {
                bus.publish(Message.builder(type, "t.signal")
                        .source("test")
                        .payload(Map.of("i", i))
                        .build());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 100);

            node.kill();
            for (int i = 100; i < 200; i++) {
                bus.publish(Message.builder(type, "t.signal")
                        .source("test")
                        .payload(Map.of("i", i))
                        .build());
            }
            node.restart();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 200);
            RedisTransport transport = (RedisTransport) bus.transport(Bus.ENGINE_LOGIC);
            assertThat(transport.outages()).isPositive();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> transport.status().connected());
        }
        // The node came back empty (no persistence): one NOGROUP tells the reader to recreate its
        // group, and nothing fails after that.
        assertThat(node.commandStat("xreadgroup", "failed_calls"))
                .as("failed XREADGROUP on the restarted node")
                .isLessThanOrEqualTo(1);
    }

    @Test
    void aCommandRedirectedByMovedIsSentWithoutWaitingForAnotherFlush() {
        // Its own cluster: the slot map changes.
        try (RedisCluster resharded = RedisCluster.start(3)) {
            MessageType type = MessageType.RISK_METRIC;
            String key = LANES.key(type, Priority.NORMAL);
            RedisServer before = resharded.nodeOf(key);
            RedisServer after = resharded.nodes().get((resharded.nodes().indexOf(before) + 1) % 3);
            RedisBusConfig config = RedisBusConfig.defaults(resharded.url(), "cluster-test")
                    .withCluster(true)
                    .withCommandTimeout(Duration.ofSeconds(5));
            Set<Integer> received = ConcurrentHashMap.newKeySet();
            try (DualMessageBus bus = RedisBuses.dualBus(RoutingTable.defaults(), config, config)) {
                // The bus has learnt the map; now the type's slot moves: its XGROUP CREATE meets MOVED.
                resharded.moveSlot(resharded.slotOf(key), after);
                long start = System.nanoTime();
                bus.subscribe(
                        new SubscriptionSpec("risk", "risk-1", List.of("*"), EnumSet.of(type)),
                        message ->
                                received.add(message.payload().tree().get("i").asInt()));
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("subscribing through a redirect")
                        .isLessThan(Duration.ofSeconds(2));
                bus.publish(Message.builder(type, "t.risk")
                        .source("test")
                        .payload(Map.of("i", 1))
                        .build());
                await().atMost(Duration.ofSeconds(10)).until(() -> received.contains(1));
            }
            assertThat(resharded.nodeOf(key)).isSameAs(after);
            assertThat(after.command("XLEN", key)).isEqualTo(":1\r\n");
            assertThat(before.info("errorstats")).as("the redirect happened").contains("MOVED");
        }
    }

    @Test
    void packedEntriesGoToTheirTypesNodesAndEachMessageIsHandledOnce() {
        // two types whose streams live on different nodes
        MessageType first = ENGINE_TYPES.iterator().next();
        MessageType second = ENGINE_TYPES.stream()
                .filter(t -> cluster.nodeOf(LANES.key(t, Priority.NORMAL))
                        != cluster.nodeOf(LANES.key(first, Priority.NORMAL)))
                .findFirst()
                .orElseThrow();
        Set<MessageType> packed = EnumSet.of(first, second);
        RedisBusConfig config = RedisBusConfig.defaults(cluster.url(), "cluster-test")
                .withCluster(true)
                .withPackedTypes(packed);
        try (DualMessageBus publisher = RedisBuses.dualBus(RoutingTable.defaults(), config, config);
                DualMessageBus consumer = RedisBuses.dualBus(RoutingTable.defaults(), config, config)) {
            Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
            consumer.subscribe(
                    new SubscriptionSpec("risk", "risk-1", List.of("*"), packed),
                    m -> deliveries
                            .computeIfAbsent(m.id(), k -> new AtomicInteger())
                            .incrementAndGet());
            int each = 3_000;
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                for (MessageType type : packed) {
                    Message m = Message.builder(type, "t." + type.wireName())
                            .source("test")
                            .payload(Map.of("i", i))
                            .build();
                    publisher.publish(m);
                    ids.add(m.id());
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.size() == ids.size());
            assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(deliveries.values())
                    .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
            for (MessageType type : packed) {
                String key = LANES.key(type, Priority.NORMAL);
                assertThat(cluster.nodeOf(key).redis().xlen(key))
                        .as("entries of %s for %d messages", key, each)
                        .isLessThan(each / 5);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> cluster.nodeOf(key)
                                        .redis()
                                        .xpending(key, "risk")
                                        .getCount()
                                == 0);
            }
        }
    }
}
