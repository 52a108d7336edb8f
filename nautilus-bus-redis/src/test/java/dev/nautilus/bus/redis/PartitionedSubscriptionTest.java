package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.BusTransport;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.codec.EnvelopeField;
import dev.nautilus.bus.redis.monitor.BusMonitor;
import dev.nautilus.bus.redis.monitor.ClusterNodes;
import dev.nautilus.bus.redis.monitor.MonitorTarget;
import dev.nautilus.bus.redis.monitor.RedisSnapshot;
import dev.nautilus.bus.redis.partition.LeaseSettings;
import dev.nautilus.bus.redis.partition.PartitionContext;
import dev.nautilus.bus.redis.partition.PartitionKeys;
import dev.nautilus.bus.redis.partition.PartitionPlan;
import dev.nautilus.bus.redis.partition.PartitionStatus;
import dev.nautilus.testkit.RedisCluster;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Partitioned types on a real Redis (and a real three-node cluster): consumers of one group share
 * the partitions under leases, each keeping per-key state that must continue exactly where the
 * partition's previous owner left it (the state is rebuilt from the partition's stream), and every
 * handled message is checked against the epoch it was handled under.
 */
class PartitionedSubscriptionTest {

    private static final int PARTITIONS = 12;
    private static final int INSTRUMENTS = 20;
    static final PartitionPlan PLAN = PartitionPlan.NONE.with(MessageType.MARKET_DATA, PARTITIONS);
    static final LeaseSettings LEASES = new LeaseSettings(Duration.ofSeconds(3), Duration.ofMillis(400));

    /** One handled message: who handled it, under which partition and epoch, and whether as a replay. */
    record Handled(String consumer, int partition, long epoch, String instrument, int seq, String id, boolean replay) {}

    /** The settings of every consumer of these tests, in this JVM or a child's. */
    static RedisBusConfig consumerConfig(String url, boolean cluster, String name) {
        return RedisBusConfig.defaults(url, name)
                .withCluster(cluster)
                .withNewGroupsFrom(RedisBusConfig.GroupStart.STREAM_START)
                .withReads(50, Duration.ofMillis(200));
    }

    /** A consumer with per-instrument state: the last sequence number it saw of each instrument. */
    static final class Instance implements AutoCloseable {
        final String name;
        final RedisTransport transport;
        final Map<String, Integer> state = new HashMap<>();
        final ConcurrentLinkedQueue<Handled> log;
        final ConcurrentLinkedQueue<String> violations;
        /** Where each handled message's {@link #output} goes, or null when it publishes none. */
        private final DualMessageBus outputs;

        Instance(
                String url,
                boolean cluster,
                String name,
                ConcurrentLinkedQueue<Handled> log,
                ConcurrentLinkedQueue<String> violations) {
            this(url, cluster, name, log, violations, null);
        }

        /** @param outputsUrl the Engine Logic Redis its handler publishes an output per message to, or null */
        Instance(
                String url,
                boolean cluster,
                String name,
                ConcurrentLinkedQueue<Handled> log,
                ConcurrentLinkedQueue<String> violations,
                String outputsUrl) {
            this.name = name;
            this.log = log;
            this.violations = violations;
            this.transport = new RedisTransport(
                    Bus.MARKETDATA, RoutingTable.defaults(), consumerConfig(url, cluster, name), PLAN, LEASES);
            this.outputs = outputsUrl == null
                    ? null
                    : new DualMessageBus(
                            RoutingTable.defaults(),
                            Map.<Bus, BusTransport>of(
                                    Bus.MARKETDATA,
                                    transport,
                                    Bus.ENGINE_LOGIC,
                                    new RedisTransport(
                                            Bus.ENGINE_LOGIC,
                                            RoutingTable.defaults(),
                                            RedisBusConfig.defaults(outputsUrl, name))));
            transport.subscribe(
                    new SubscriptionSpec("vpin", name, List.of("market_data.trade.*"), Set.of(MessageType.MARKET_DATA)),
                    this::handle);
        }

        private void handle(Message message) {
            PartitionContext context = PartitionContext.current().orElseThrow();
            String instrument = PartitionKeys.keyOf(message.type(), message.topic());
            int seq = ((Number) message.payloadAs(Map.class).get("i")).intValue();
            int expected = state.getOrDefault(instrument, 0) + 1;
            if (seq != expected) {
                violations.add(name + " " + instrument + " got " + seq + " expecting " + expected
                        + (context.replaying() ? " (replay)" : ""));
            }
            if (PartitionKeys.partitionOf(instrument, PARTITIONS) != context.partition()) {
                violations.add(instrument + " handled in partition " + context.partition());
            }
            state.put(instrument, seq);
            if (outputs != null && !context.replaying()) {
                outputs.publish(output(message, name));
            }
            log.add(new Handled(
                    name, context.partition(), context.epoch(), instrument, seq, message.id(), context.replaying()));
        }

        Set<Integer> held() {
            return transport.heldPartitions().values().iterator().next();
        }

        @Override
        public void close() {
            if (outputs != null) {
                outputs.close();
            } else {
                transport.close();
            }
        }
    }

    /** The output a publishing consumer makes of {@code input}: its id says which input it is of. */
    static Message output(Message input, String consumer) {
        return Message.builder(MessageType.VPIN_CALCULATION, "vpin." + PartitionKeys.keyOf(input.type(), input.topic()))
                .id("out-" + input.id())
                .source(consumer)
                .payload(Map.of("input", input.id()))
                .build();
    }

    /** Publishes {@code perInstrument} messages per instrument, interleaved, paced to last about {@code over}. */
    private static Thread feed(RedisTransport hub, int perInstrument, Duration over, AtomicBoolean done) {
        return Thread.ofPlatform().start(() -> {
            long pauseNanos = over.toNanos() / perInstrument;
            for (int seq = 1; seq <= perInstrument; seq++) {
                for (int k = 0; k < INSTRUMENTS; k++) {
                    hub.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.INST" + k)
                            .source("hub")
                            .payload(Map.of("i", seq))
                            .build());
                }
                java.util.concurrent.locks.LockSupport.parkNanos(pauseNanos);
            }
            hub.awaitPublished(Duration.ofSeconds(10));
            done.set(true);
        });
    }

    private static RedisTransport hub(String url, boolean cluster) {
        return new RedisTransport(
                Bus.MARKETDATA,
                RoutingTable.defaults(),
                RedisBusConfig.defaults(url, "hub").withCluster(cluster),
                PLAN,
                LEASES);
    }

    /** Waits until the feed is done and every message it published was handled (not as a replay). */
    /** Logs a child's {@code <consumer> <partition> <epoch> <instrument> <seq> <replay> <ok|bad>} line. */
    private static void logChildLine(
            String line, ConcurrentLinkedQueue<Handled> log, ConcurrentLinkedQueue<String> violations) {
        String[] f = line.split(" ");
        log.add(new Handled(
                f[0],
                Integer.parseInt(f[1]),
                Long.parseLong(f[2]),
                f[3],
                Integer.parseInt(f[4]),
                f[3] + "#" + f[4],
                Boolean.parseBoolean(f[5])));
        if (f[6].equals("bad")) {
            violations.add("child " + line);
        }
    }

    private static void awaitEveryMessageHandled(
            ConcurrentLinkedQueue<Handled> log, int perInstrument, AtomicBoolean done, Duration timeout) {
        try {
            await().atMost(timeout)
                    .until(() -> done.get()
                            && log.stream()
                                            .filter(h -> !h.replay())
                                            .map(h -> h.instrument() + "#" + h.seq())
                                            .distinct()
                                            .count()
                                    >= INSTRUMENTS * perInstrument);
        } catch (ConditionTimeoutException e) {
            // which messages, in which partitions, and who last handled there: what a rare failure needs
            Set<String> handled = log.stream()
                    .filter(h -> !h.replay())
                    .map(h -> h.instrument() + "#" + h.seq())
                    .collect(Collectors.toSet());
            List<String> missing = new ArrayList<>();
            for (int k = 0; k < INSTRUMENTS; k++) {
                for (int seq = 1; seq <= perInstrument; seq++) {
                    if (!handled.contains("INST" + k + "#" + seq)) {
                        int partition = PartitionKeys.partitionOf("INST" + k, PARTITIONS);
                        String last = log.stream()
                                .filter(h -> h.partition() == partition)
                                .reduce((a, b) -> b)
                                .map(h -> h.consumer() + " epoch " + h.epoch() + " seq " + h.seq())
                                .orElse("nobody");
                        missing.add("INST" + k + "#" + seq + " (partition " + partition + ", last " + last + ")");
                    }
                }
            }
            throw new AssertionError(
                    "feed done " + done.get() + "; " + missing.size() + " messages not handled within " + timeout
                            + ", the first: " + missing.subList(0, Math.min(10, missing.size())),
                    e);
        }
    }

    /** Every message handled (not as a replay) at least once; returns how many were handled twice. */
    private static long assertNoneLost(ConcurrentLinkedQueue<Handled> log, int perInstrument) {
        Map<String, Long> byId = log.stream()
                .filter(h -> !h.replay())
                .collect(Collectors.groupingBy(h -> h.instrument() + "#" + h.seq(), Collectors.counting()));
        assertThat(byId).hasSize(INSTRUMENTS * perInstrument);
        return byId.values().stream().filter(c -> c > 1).mapToLong(c -> c - 1).sum();
    }

    /** No (partition, epoch) handled by two consumers: the epoch fences every owner. */
    private static void assertOneOwnerPerEpoch(ConcurrentLinkedQueue<Handled> log) {
        Map<String, Set<String>> owners = new HashMap<>();
        log.forEach(h -> owners.computeIfAbsent(h.partition() + "@" + h.epoch(), k -> new HashSet<>())
                .add(h.consumer()));
        owners.forEach((epoch, who) ->
                assertThat(who).as("owners of partition@epoch " + epoch).hasSize(1));
    }

    @Test
    void threeConsumersShareTwelvePartitionsAndAJoinerTakesItsShareWithoutDuplicates() {
        ConcurrentLinkedQueue<Handled> log = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        int perInstrument = 150;
        try (RedisServer redis = RedisServer.start();
                RedisTransport hub = hub(redis.url(), false);
                Instance one = new Instance(redis.url(), false, "vpin-1", log, violations);
                Instance two = new Instance(redis.url(), false, "vpin-2", log, violations)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> one.held().size() == 6 && two.held().size() == 6);
            AtomicBoolean done = new AtomicBoolean();
            feed(hub, perInstrument, Duration.ofSeconds(3), done);
            await().atMost(Duration.ofSeconds(5)).until(() -> log.size() > 600);
            try (Instance three = new Instance(redis.url(), false, "vpin-3", log, violations)) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> one.held().size() == 4
                                && two.held().size() == 4
                                && three.held().size() == 4);
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> done.get()
                                && log.stream().filter(h -> !h.replay()).count() >= INSTRUMENTS * perInstrument);
                assertThat(log.stream().anyMatch(h -> h.consumer().equals("vpin-3") && h.replay()))
                        .as("the joiner rebuilt the state of the partitions it took")
                        .isTrue();
                List<PartitionStatus> status = one.transport.partitions();
                assertThat(status).hasSize(PARTITIONS);
                assertThat(status).allSatisfy(p -> {
                    assertThat(p.owner()).isIn("vpin-1", "vpin-2", "vpin-3");
                    assertThat(p.epoch()).isPositive();
                    assertThat(p.lag()).isZero();
                });
                assertThat(status.stream()
                                .mapToLong(PartitionStatus::rebalances)
                                .sum())
                        .isPositive();
            }
            assertThat(violations).isEmpty();
            assertThat(assertNoneLost(log, perInstrument)).as("duplicates").isZero();
            assertOneOwnerPerEpoch(log);
        }
    }

    @Test
    void aPartitionRebuiltFromTrimmedHistorySaysSoAsAnError() {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger restoreLog = (Logger) LoggerFactory.getLogger(PartitionRestore.class);
        logged.start();
        restoreLog.addAppender(logged);
        ConcurrentLinkedQueue<Handled> log = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        int perInstrument = 20;
        try (RedisServer redis = RedisServer.start();
                RedisTransport hub = hub(redis.url(), false);
                Instance one = new Instance(redis.url(), false, "vpin-1", log, violations);
                Instance two = new Instance(redis.url(), false, "vpin-2", log, violations)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            one.held().size() == PARTITIONS / 2 && two.held().size() == PARTITIONS / 2);
            AtomicBoolean done = new AtomicBoolean();
            feed(hub, perInstrument, Duration.ofMillis(500), done);
            awaitEveryMessageHandled(log, perInstrument, done, Duration.ofSeconds(15));
            Set<Integer> orphaned = Set.copyOf(two.held());
            two.transport.haltPartitionsAsIfCrashed();
            // The crashed consumer's partitions lose the start of their history before the survivor
            // takes them: the state it rebuilds misses it, and it must say so.
            Set<String> trimmed = new HashSet<>();
            for (int partition : orphaned) {
                String lane = "nautilus:marketdata:market_data:p" + partition;
                if (redis.redis().exists(lane) == 1 && redis.redis().xlen(lane) > 5) {
                    redis.command("XTRIM", lane, "MAXLEN", "5");
                    trimmed.add(lane);
                }
            }
            assertThat(trimmed).isNotEmpty();
            await().atMost(LEASES.leaseTime().plusSeconds(5))
                    .until(() -> one.held().size() == PARTITIONS);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> errorsAbout(logged, trimmed).keySet().equals(trimmed));
            assertThat(errorsAbout(logged, trimmed).values())
                    .allSatisfy(message -> assertThat(message).contains("may be incomplete", "entries trimmed"));
        } finally {
            restoreLog.detachAppender(logged);
        }
    }

    /** The errors the restore logged about each of {@code lanes} it names. */
    private static Map<String, String> errorsAbout(ListAppender<ILoggingEvent> logged, Set<String> lanes) {
        Map<String, String> named = new HashMap<>();
        for (ILoggingEvent event : List.copyOf(logged.list)) {
            if (event.getLevel() == Level.ERROR) {
                String message = event.getFormattedMessage();
                lanes.stream()
                        .filter(lane -> message.contains(lane + " starts at"))
                        .forEach(lane -> named.put(lane, message));
            }
        }
        return named;
    }

    @Test
    void aCrashedConsumersPartitionsMoveWhenItsLeasesExpireAndNothingIsLost() {
        ConcurrentLinkedQueue<Handled> log = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        int perInstrument = 150;
        try (RedisServer redis = RedisServer.start();
                RedisTransport hub = hub(redis.url(), false);
                Instance one = new Instance(redis.url(), false, "vpin-1", log, violations);
                Instance two = new Instance(redis.url(), false, "vpin-2", log, violations);
                Instance three = new Instance(redis.url(), false, "vpin-3", log, violations)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> one.held().size() == 4
                            && two.held().size() == 4
                            && three.held().size() == 4);
            AtomicBoolean done = new AtomicBoolean();
            feed(hub, perInstrument, Duration.ofSeconds(3), done);
            await().atMost(Duration.ofSeconds(5)).until(() -> log.size() > 900);
            Set<Integer> orphaned = Set.copyOf(three.held());
            long crashedAt = System.nanoTime();
            three.transport.haltPartitionsAsIfCrashed();
            await().atMost(LEASES.leaseTime().plusSeconds(5))
                    .until(() -> one.held().size() + two.held().size() == PARTITIONS);
            long movedMillis = (System.nanoTime() - crashedAt) / 1_000_000;
            assertThat(movedMillis).isLessThan(LEASES.leaseTime().plusSeconds(5).toMillis());
            Set<Integer> survivors = new HashSet<>(one.held());
            survivors.addAll(two.held());
            assertThat(survivors).containsAll(orphaned);
            awaitEveryMessageHandled(log, perInstrument, done, Duration.ofSeconds(15));
            assertThat(violations).isEmpty();
            long duplicates = assertNoneLost(log, perInstrument);
            // Only what the crashed consumer handled but had not acknowledged comes again: at most its reads in hand.
            assertThat(duplicates).isLessThanOrEqualTo(orphaned.size() * 50L);
            assertOneOwnerPerEpoch(log);
        }
    }

    @Test
    void aConsumerKilledWithSigkillLosesNothingAndItsPartitionsMove() throws Exception {
        ConcurrentLinkedQueue<Handled> log = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        int perInstrument = 150;
        try (RedisServer redis = RedisServer.start();
                RedisTransport hub = hub(redis.url(), false);
                Instance one = new Instance(redis.url(), false, "vpin-1", log, violations);
                Instance two = new Instance(redis.url(), false, "vpin-2", log, violations)) {
            ChildConsumer child = ChildConsumer.start(
                    PartitionedConsumerProcess.class,
                    line -> logChildLine(line, log, violations),
                    redis.url(),
                    "vpin-3");
            try {
                assertThat(child.ready().await(30, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> one.held().size() == 4
                                && two.held().size() == 4
                                && one.transport.partitions().stream()
                                                .filter(p -> p.owner().equals("vpin-3"))
                                                .count()
                                        == 4);
                AtomicBoolean done = new AtomicBoolean();
                feed(hub, perInstrument, Duration.ofSeconds(3), done);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> log.stream().anyMatch(h -> h.consumer().equals("vpin-3") && !h.replay()));
                long killedAt = System.nanoTime();
                child.process().destroyForcibly(); // SIGKILL: no release, no last acknowledgement
                await().atMost(LEASES.leaseTime().plusSeconds(5))
                        .until(() -> one.held().size() + two.held().size() == PARTITIONS);
                assertThat((System.nanoTime() - killedAt) / 1_000_000)
                        .isLessThan(LEASES.leaseTime().plusSeconds(5).toMillis());
                awaitEveryMessageHandled(log, perInstrument, done, Duration.ofSeconds(20));
                assertThat(violations).isEmpty();
                assertNoneLost(log, perInstrument);
                assertOneOwnerPerEpoch(log);
            } finally {
                child.process().destroyForcibly();
            }
        }
    }

    @Test
    void anOwnerPausedPastItsLeasePublishesNothingOnceItResumes() throws Exception {
        ConcurrentLinkedQueue<Handled> log = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> fenced = new ConcurrentLinkedQueue<>();
        AtomicInteger handledByChild = new AtomicInteger();
        int perInstrument = 10;
        try (RedisServer redis = RedisServer.start();
                RedisServer engineLogic = RedisServer.start();
                RedisTransport hub = hub(redis.url(), false);
                RedisTransport outputLanes = new RedisTransport(
                        Bus.ENGINE_LOGIC, RoutingTable.defaults(), RedisBusConfig.defaults(engineLogic.url(), "test"));
                Instance one = new Instance(redis.url(), false, "vpin-1", log, violations, engineLogic.url())) {
            // 150 ms a message: a pause almost surely lands inside a handler, between input and output
            ChildConsumer child = ChildConsumer.start(
                    PartitionedConsumerProcess.class,
                    line -> {
                        logChildLine(line, log, violations);
                        handledByChild.incrementAndGet();
                    },
                    line -> {
                        if (line.startsWith("FENCED ")) {
                            fenced.add(line);
                        }
                    },
                    redis.url(),
                    "vpin-2",
                    engineLogic.url(),
                    "150");
            try {
                assertThat(child.ready().await(30, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
                await().atMost(Duration.ofSeconds(15)).until(() -> one.held().size() == PARTITIONS / 2);
                AtomicBoolean done = new AtomicBoolean();
                feed(hub, perInstrument, Duration.ofSeconds(1), done);
                await().atMost(Duration.ofSeconds(15)).until(() -> handledByChild.get() >= 3);
                long stoppedAt = System.currentTimeMillis();
                signal("STOP", child.process());
                // paused past its lease: the survivor takes its partitions and handles what it had in hand
                await().atMost(LEASES.leaseTime().plusSeconds(5))
                        .until(() -> one.held().size() == PARTITIONS);
                awaitEveryMessageHandled(log, perInstrument, done, Duration.ofSeconds(30));
                long resumedAt = System.currentTimeMillis();
                signal("CONT", child.process());
                await().atMost(Duration.ofSeconds(10)).until(() -> !fenced.isEmpty());
                // what the resumed handlers would have published is refused; give any that slipped through time to land
                Thread.sleep(1_000);

                List<io.lettuce.core.StreamMessage<String, String>> written = engineLogic
                        .redis()
                        .xrange(
                                outputLanes.streamOf(MessageType.VPIN_CALCULATION),
                                io.lettuce.core.Range.create("-", "+"));
                Map<String, List<io.lettuce.core.StreamMessage<String, String>>> byId = written.stream()
                        .collect(Collectors.groupingBy(e -> e.getBody().get(EnvelopeField.ID)));
                assertThat(byId).as("outputs in Redis, by id").hasSize(INSTRUMENTS * perInstrument);
                assertThat(written)
                        .as("outputs of the paused owner written after it resumed, its lease lost")
                        .noneMatch(e ->
                                e.getBody().get(EnvelopeField.SOURCE_ENGINE).equals("vpin-2")
                                        && millisOf(e.getId()) >= resumedAt);
                // At-least-once, as without partitions: what it had published before the pause, its
                // batch not yet acknowledged, the survivor handled and published again (same ids).
                byId.values().stream().filter(copies -> copies.size() > 1).forEach(copies -> {
                    assertThat(copies).hasSize(2);
                    assertThat(copies.getFirst().getBody().get(EnvelopeField.SOURCE_ENGINE))
                            .isEqualTo("vpin-2");
                    assertThat(millisOf(copies.getFirst().getId())).isLessThanOrEqualTo(stoppedAt + 50);
                    assertThat(copies.getLast().getBody().get(EnvelopeField.SOURCE_ENGINE))
                            .isEqualTo("vpin-1");
                });
                assertThat(fenced).allMatch(line -> line.contains("is no longer held by vpin-2"));
                assertThat(violations).isEmpty();
                assertOneOwnerPerEpoch(log);
            } finally {
                child.process().destroyForcibly();
            }
        }
    }

    /** When Redis wrote an entry: the milliseconds part of its id. */
    private static long millisOf(String entryId) {
        return Long.parseLong(entryId.substring(0, entryId.indexOf('-')));
    }

    private static void signal(String signal, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
        assertThat(kill.waitFor()).as("kill -" + signal).isZero();
    }

    @Test
    void onAClusterThePartitionsSpreadOverTheNodes() {
        ConcurrentLinkedQueue<Handled> log = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        int perInstrument = 20;
        try (RedisCluster cluster = RedisCluster.start(3);
                RedisTransport hub = hub(cluster.url(), true);
                Instance one = new Instance(cluster.url(), true, "vpin-1", log, violations);
                Instance two = new Instance(cluster.url(), true, "vpin-2", log, violations)) {
            StreamLanes lanes = new StreamLanes(RoutingTable.defaults(), true, PLAN);
            Map<Integer, Integer> partitionsByNode = new HashMap<>();
            for (int n = 0; n < PARTITIONS; n++) {
                String stream = lanes.partitionLanes(Set.of(MessageType.MARKET_DATA), n)
                        .keySet()
                        .iterator()
                        .next();
                assertThat(cluster.slotOf(stream))
                        .isEqualTo(dev.nautilus.bus.redis.partition.ClusterSlots.slotOf(stream));
                partitionsByNode.merge(cluster.nodeOf(stream).port(), 1, Integer::sum);
            }
            assertThat(partitionsByNode).hasSize(3);
            assertThat(partitionsByNode.values()).containsOnly(4);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> one.held().size() == 6 && two.held().size() == 6);
            AtomicBoolean done = new AtomicBoolean();
            feed(hub, perInstrument, Duration.ofMillis(500), done);
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            done.get() && log.stream().filter(h -> !h.replay()).count() >= INSTRUMENTS * perInstrument);
            assertThat(violations).isEmpty();
            assertThat(assertNoneLost(log, perInstrument)).isZero();
            assertThat(one.transport.partitions()).hasSize(PARTITIONS);
            List<MonitorTarget> nodes = ClusterNodes.of(
                    MonitorTarget.forBus(Bus.MARKETDATA, cluster.url(), "nautilus"), Duration.ofSeconds(2));
            try (BusMonitor monitor = new BusMonitor(nodes, Duration.ofSeconds(2), Duration.ZERO)) {
                // Each node holds the leases of the partitions in its slots: twelve in all, four per node.
                List<RedisSnapshot> snapshots = monitor.snapshot().redis();
                assertThat(snapshots)
                        .allSatisfy(node -> assertThat(node.partitions()).hasSize(4));
                assertThat(snapshots.stream().flatMap(node -> node.partitions().stream()))
                        .allMatch(p -> p.owner().startsWith("vpin-") && p.epoch() > 0);
            }
        }
    }
}
