package dev.nautilus.app.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.app.StoredEngineState;
import dev.nautilus.bus.Json;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.bus.redis.partition.LeaseSettings;
import dev.nautilus.bus.redis.partition.PartitionPlan;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.vpin.VpinConfig;
import dev.nautilus.engines.vpin.VpinEngine;
import dev.nautilus.store.Store;
import dev.nautilus.store.StoreConfig;
import dev.nautilus.store.Stores;
import dev.nautilus.testkit.RedisServer;
import io.lettuce.core.XTrimArgs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VPIN scaled out over 12 partitions of the market data on a real Redis: several instances, each
 * on connections of its own, give exactly the VPIN series one instance gives, for every instrument,
 * while instances join and crash mid-run; and no two instances ever handle a partition under the
 * same epoch.
 */
class PartitionedVpinTest {

    private static final int PARTITIONS = 12;
    private static final int INSTRUMENTS = 20;
    private static final int STEPS = 1200;
    private static final LeaseSettings LEASES = new LeaseSettings(Duration.ofSeconds(3), Duration.ofMillis(400));
    private static Map<String, List<String>> reference;
    private static RedisServer marketData;
    private static RedisServer engineLogic;

    static List<Engine> vpin() {
        return List.of(new VpinEngine(i -> VpinConfig.paper(500)));
    }

    @BeforeAll
    static void oneInstanceInMemory() {
        reference = PartitionedRun.oneInstanceInMemory(PartitionedVpinTest::vpin, INSTRUMENTS, STEPS);
        assertThat(reference.keySet())
                .filteredOn(t -> t.startsWith("vpin.calculation."))
                .hasSize(INSTRUMENTS);
        marketData = RedisServer.start();
        engineLogic = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        marketData.close();
        engineLogic.close();
    }

    private static Function<String, MessageBus> redis(String run) {
        return redis(marketData.url(), engineLogic.url(), run);
    }

    /** The buses of one participant of run {@code run}, by identity: what a {@link VpinInstanceProcess} opens too. */
    static Function<String, MessageBus> redis(String marketDataUrl, String engineLogicUrl, String run) {
        PartitionPlan plan = PartitionPlan.NONE.with(MessageType.MARKET_DATA, PARTITIONS);
        return identity -> RedisBuses.dualBus(
                RoutingTable.withPrefix(run),
                RedisBusConfig.defaults(marketDataUrl, identity).withReads(100, Duration.ofMillis(200)),
                RedisBusConfig.defaults(engineLogicUrl, identity).withReads(100, Duration.ofMillis(200)),
                plan,
                LEASES);
    }

    private static void assertSameSeries(Map<String, List<String>> series) {
        PartitionedSeries.assertSame(reference, series);
    }

    /** Each (partition, epoch) handled by one instance only: the epoch fences the owners. */
    private static void assertOneOwnerPerEpoch(List<PartitionedRun.Handled> handled) {
        Map<String, Set<String>> owners = new HashMap<>();
        handled.forEach(h -> owners.computeIfAbsent(h.partition() + "@" + h.epoch(), k -> new HashSet<>())
                .add(h.instance()));
        assertThat(owners).isNotEmpty();
        owners.forEach((epoch, who) ->
                assertThat(who).as("owners of partition@epoch " + epoch).hasSize(1));
    }

    @Test
    void threeInstancesOneJoiningMidRunGiveExactlyTheSeriesOfOne() {
        try (PartitionedRun run = new PartitionedRun(redis("join"), PartitionedVpinTest::vpin)) {
            PartitionedRun.Instance one = run.start(1);
            PartitionedRun.Instance two = run.start(2);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> PartitionedRun.held(one).size() == 6
                            && PartitionedRun.held(two).size() == 6);
            run.startHub();
            List<PartitionedRun.Instance> joined = new ArrayList<>();
            run.feed(INSTRUMENTS, STEPS, Duration.ofSeconds(4), step -> {
                if (step == STEPS / 3) {
                    joined.add(run.start(3));
                }
            });
            PartitionedRun.Instance three = joined.get(0);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> PartitionedRun.held(one).size() == 4
                            && PartitionedRun.held(two).size() == 4
                            && PartitionedRun.held(three).size() == 4);
            assertThat(run.awaitOutputs(PartitionedRun.total(reference), Duration.ofSeconds(1), Duration.ofSeconds(30)))
                    .as("all outputs arrive, " + run.received() + " of " + PartitionedRun.total(reference))
                    .isTrue();
            assertSameSeries(run.outputs());
            List<PartitionedRun.Handled> handled = run.handled();
            assertThat(handled).anyMatch(h -> h.instance().equals(three.name()) && !h.replay());
            assertOneOwnerPerEpoch(handled);
        }
    }

    @Test
    void aCrashedInstancesPartitionsMoveWithinTheLeaseAndTheSeriesStayTheSame() {
        try (PartitionedRun run = new PartitionedRun(redis("crash"), PartitionedVpinTest::vpin)) {
            List<PartitionedRun.Instance> all = List.of(run.start(1), run.start(2), run.start(3));
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            all.stream().allMatch(i -> PartitionedRun.held(i).size() == 4));
            crashMidRun(run, () -> run.crash(all.get(2)), all.subList(0, 2), "crash");
        }
    }

    /**
     * The partitions of a crashed instance are taken over after their streams lost everything up to
     * their latest checkpoint (as retention shorter than the run would): the new owners start from
     * the checkpoints in the store, and the series are still the reference's.
     */
    @Test
    void partitionsTakenOverFromTheirCheckpointsNeedNoHistoryBeforeThem(@TempDir Path dir) {
        try (Store store = Stores.open(StoreConfig.embedded(dir));
                PartitionedRun run = new PartitionedRun(
                        redis("checkpoint"),
                        PartitionedVpinTest::vpin,
                        Optional.of(new StoredEngineState(store.engineState(), "")))) {
            List<PartitionedRun.Instance> all = List.of(run.start(1), run.start(2), run.start(3));
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            all.stream().allMatch(i -> PartitionedRun.held(i).size() == 4));
            Set<Integer> crashed = PartitionedRun.held(all.get(2));
            long[] trimmed = {0};
            Runnable crashAndTrim = () -> {
                // every partition of the instance has a checkpoint that includes some of the feed
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> crashed.stream()
                                .allMatch(n -> !checkpointPositions(store, n).isEmpty()));
                run.crash(all.get(2));
                for (int n : crashed) {
                    checkpointPositions(store, n)
                            .forEach((lane, position) ->
                                    trimmed[0] += marketData.redis().xtrim(lane, XTrimArgs.Builder.minId(position)));
                }
            };
            crashMidRun(run, crashAndTrim, all.subList(0, 2), "crash after trimming to the checkpoints");
            assertThat(trimmed[0])
                    .as("entries of the crashed instance's partitions gone before the takeover")
                    .isGreaterThan(100);
            System.out.printf(
                    "trimmed %d entries of the crashed instance's %d partitions%n", trimmed[0], crashed.size());
        }
    }

    /** Lane → position of the stored checkpoint of VPIN's partition {@code n}; empty while none is stored. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> checkpointPositions(Store store, int n) {
        return store.engineState()
                .load("vpin#partition-" + n)
                .map(row ->
                        (Map<String, String>) Json.read(row.state(), Map.class).get("positions"))
                .orElse(Map.of());
    }

    @Test
    void anInstanceProcessKilledWithSigkillMidRunLeavesTheSeriesTheSame() throws Exception {
        try (PartitionedRun run = new PartitionedRun(redis("kill"), PartitionedVpinTest::vpin)) {
            List<PartitionedRun.Instance> survivors = List.of(run.start(1), run.start(2));
            Process child = startInstanceProcess(run, "kill", 3);
            try {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> survivors.stream()
                                .allMatch(i -> PartitionedRun.held(i).size() == 4));
                Runnable kill = () -> {
                    // a cold JVM may still be warming up a third of the way in: killed once it handled some
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> run.handled().stream()
                                    .anyMatch(h -> h.instance().equals("instance-3") && !h.replay()));
                    child.destroyForcibly();
                };
                crashMidRun(run, kill, survivors, "kill -9");
            } finally {
                child.destroyForcibly();
            }
        }
    }

    /**
     * Feeds the run, crashes the third instance a third of the way through with {@code crash}, and
     * checks that its partitions move to the {@code survivors} within the lease + 5 s, and that the
     * series are the reference's once repeated figures are removed.
     */
    private static void crashMidRun(
            PartitionedRun run, Runnable crash, List<PartitionedRun.Instance> survivors, String how) {
        run.startHub();
        long[] moved = {-1};
        run.feed(INSTRUMENTS, STEPS, Duration.ofSeconds(4), step -> {
            if (step == STEPS / 3) {
                long crashedAt = System.nanoTime();
                crash.run();
                Thread.ofPlatform().start(() -> {
                    await().atMost(LEASES.leaseTime().plusSeconds(5))
                            .until(() -> survivors.stream()
                                            .mapToInt(
                                                    i -> PartitionedRun.held(i).size())
                                            .sum()
                                    == PARTITIONS);
                    moved[0] = (System.nanoTime() - crashedAt) / 1_000_000;
                });
            }
        });
        await().atMost(LEASES.leaseTime().plusSeconds(5)).until(() -> moved[0] >= 0);
        assertThat(run.awaitOutputs(PartitionedRun.total(reference), Duration.ofSeconds(1), Duration.ofSeconds(30)))
                .as("all outputs arrive, " + run.received() + " of " + PartitionedRun.total(reference))
                .isTrue();
        // Outputs of what the crashed instance handled but never acknowledged come twice (at
        // least once); each copy is the same figure, and none is missing.
        Map<String, List<String>> deduplicated = PartitionedSeries.withoutRepeats(run.outputs());
        long duplicates = PartitionedSeries.repeats(run.outputs());
        assertSameSeries(deduplicated);
        assertThat(duplicates).isLessThanOrEqualTo(PartitionedRun.total(reference) / 10);
        assertThat(run.repeatedUnderAnotherId())
                .as("repeated figures under a new message id (a consumer deduplicating by id would apply them twice)")
                .isZero();
        assertOneOwnerPerEpoch(run.handled());
        System.out.printf(
                "%s: partitions moved in %d ms, %d duplicate outputs of %d%n",
                how, moved[0], duplicates, PartitionedRun.total(reference));
    }

    /** Starts instance {@code n} as a {@link VpinInstanceProcess}, its handled messages recorded in {@code run}. */
    private static Process startInstanceProcess(PartitionedRun run, String prefix, int n) throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        VpinInstanceProcess.class.getName(),
                        marketData.url(),
                        engineLogic.url(),
                        prefix,
                        Integer.toString(n))
                .redirectErrorStream(true)
                .start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("HANDLED ")) {
                        String[] f = line.split(" ");
                        run.recordHandled(new PartitionedRun.Handled(
                                f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), f[4], Boolean.parseBoolean(f[5])));
                    }
                }
            } catch (IOException killed) {
                // its output ends with it
            }
        });
        if (!ready.await(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("instance process " + n + " did not start within 60 s");
        }
        return process;
    }
}
