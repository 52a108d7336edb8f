package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.testkit.RedisCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a Redis Cluster every stream holds its messages in publish order: batches, direct (idle)
 * writes and the other flushes of the shared Lettuce connection (acknowledgements, the periodic
 * stray flush) must never let a later XADD overtake an earlier one. Before the flushes were
 * serialised, a block of a stream's entries landed after later ones (seen in the partitions bench
 * and by VPIN as timestamps going backwards).
 */
class RedisClusterPublishOrderTest {

    /** Streams on every node of the cluster, two publishing threads with three each. */
    private static final List<MessageType> TYPES = List.of(
            MessageType.RISK_METRIC,
            MessageType.STRATEGY_SIGNAL,
            MessageType.PORTFOLIO_UPDATE,
            MessageType.VPIN_CALCULATION,
            MessageType.ML_PREDICTION,
            MessageType.ENGINE_HEALTH);

    private static final int PER_TYPE = 9_000;
    private static final StreamLanes LANES = new StreamLanes(RoutingTable.defaults(), true);
    private static final Pattern ID = Pattern.compile("ord-([A-Za-z_.]+)-(\\d+)");

    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void everyStreamHoldsItsMessagesInPublishOrderWithNoneMissingOrTwice() throws InterruptedException {
        RedisBusConfig config = RedisBusConfig.defaults(cluster.url(), "cluster-order")
                .withCluster(true)
                .withBuffer(32, Duration.ofMillis(1));
        try (DualMessageBus bus = RedisBuses.dualBus(RoutingTable.defaults(), config, config)) {
            RedisTransport transport = (RedisTransport) bus.transport(Bus.ENGINE_LOGIC);
            // What a reader's acknowledgements do in the hub's process, as often as it can: flush
            // the shared connection from another thread while the publisher writes.
            AtomicBoolean publishing = new AtomicBoolean(true);
            Thread acknowledger = Thread.ofPlatform().start(() -> {
                while (publishing.get()) {
                    transport.connections().flush();
                    Thread.yield();
                }
            });
            long started = System.nanoTime();
            List<Thread> publishers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                List<MessageType> own = TYPES.subList(t * 3, t * 3 + 3);
                publishers.add(Thread.ofPlatform().start(() -> publish(bus, own)));
            }
            for (Thread publisher : publishers) {
                publisher.join();
            }
            assertThat(transport.awaitPublished(Duration.ofSeconds(15))).isTrue();
            publishing.set(false);
            acknowledger.join();
            System.out.printf(
                    "published %d messages on %d streams in %d ms%n",
                    PER_TYPE * TYPES.size(), TYPES.size(), (System.nanoTime() - started) / 1_000_000);
        }
        Set<Integer> nodes = new HashSet<>();
        for (MessageType type : TYPES) {
            String stream = LANES.key(type, Priority.NORMAL);
            nodes.add(cluster.nodes().indexOf(cluster.nodeOf(stream)));
            List<Integer> sequence = new ArrayList<>(PER_TYPE);
            Matcher ids = ID.matcher(cluster.nodeOf(stream).command("XRANGE", stream, "-", "+"));
            while (ids.find()) {
                assertThat(ids.group(1)).as(stream).isEqualTo(type.wireName());
                sequence.add(Integer.parseInt(ids.group(2)));
            }
            List<Integer> expected = new ArrayList<>(PER_TYPE);
            for (int i = 0; i < PER_TYPE; i++) {
                expected.add(i);
            }
            assertThat(firstOutOfOrder(sequence))
                    .as("first entry of " + stream + " out of publish order")
                    .isEqualTo("none");
            assertThat(sequence).as(stream).isEqualTo(expected);
        }
        assertThat(nodes).as("nodes holding the streams").hasSizeGreaterThanOrEqualTo(2);
    }

    /**
     * Publishes {@link #PER_TYPE} messages of each type, round robin, pausing now and then so the
     * publisher goes idle and writes the next one directly.
     */
    private static void publish(DualMessageBus bus, List<MessageType> types) {
        for (int i = 0; i < PER_TYPE; i++) {
            for (MessageType type : types) {
                bus.publish(Message.builder(type, "t." + type.wireName())
                        .id("ord-" + type.wireName() + "-" + i)
                        .source("test")
                        .payload(Map.of("i", i))
                        .build());
            }
            if (i % 200 == 199) {
                LockSupport.parkNanos(2_000_000);
            }
        }
    }

    private static String firstOutOfOrder(List<Integer> sequence) {
        for (int i = 0; i < sequence.size(); i++) {
            if (sequence.get(i) != i) {
                return "position " + i + " holds " + sequence.get(i) + " (" + sequence.size() + " entries)";
            }
        }
        return "none";
    }
}
