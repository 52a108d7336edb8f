package dev.nautilus.app.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.app.StoredEngineState;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Json;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.bus.redis.RedisTransport;
import dev.nautilus.bus.redis.StreamIds;
import dev.nautilus.bus.redis.partition.LeaseSettings;
import dev.nautilus.bus.redis.partition.PartitionPlan;
import dev.nautilus.bus.redis.partition.PartitionStatus;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.store.Store;
import dev.nautilus.store.StoreConfig;
import dev.nautilus.store.Stores;
import dev.nautilus.testkit.RedisServer;
import io.lettuce.core.XTrimArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strategy scaled out with VPIN over 12 partitions of the market data and of the VPIN results, on
 * two real Redis servers: Strategy joins bars (MarketData bus) with VPIN statuses (Engine Logic
 * bus) per instrument, so each instance holds partition {@code n} of both buses as one, and its
 * checkpoints cover the lanes of both. The signals equal one instance's while an instance joins, and
 * when one crashes after the streams of its partitions lost everything up to their checkpoints.
 */
class PartitionedStrategyTest {

    private static final int PARTITIONS = 12;
    private static final int INSTRUMENTS = 20;
    private static final int STEPS = 1200;
    private static final LeaseSettings LEASES = new LeaseSettings(Duration.ofSeconds(3), Duration.ofMillis(400));
    private static final PartitionPlan PLAN =
            PartitionPlan.NONE.with(MessageType.MARKET_DATA, PARTITIONS).with(MessageType.VPIN_CALCULATION, PARTITIONS);
    private static Map<String, List<String>> reference;
    private static RedisServer marketData;
    private static RedisServer engineLogic;

    static List<Engine> engines() {
        return List.of(EngineCatalog.create(EngineMatrix.VPIN), EngineCatalog.create(EngineMatrix.STRATEGY));
    }

    @BeforeAll
    static void oneInstanceInMemory() {
        reference = PartitionedRun.oneInstanceInMemory(PartitionedStrategyTest::engines, INSTRUMENTS, STEPS);
        assertThat(reference.keySet())
                .filteredOn(t -> t.startsWith("strategy.signal."))
                .hasSizeGreaterThanOrEqualTo(INSTRUMENTS);
        marketData = RedisServer.start();
        engineLogic = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        marketData.close();
        engineLogic.close();
    }

    private static Function<String, MessageBus> redis(String run) {
        return identity -> RedisBuses.dualBus(
                RoutingTable.withPrefix(run),
                RedisBusConfig.defaults(marketData.url(), identity).withReads(100, Duration.ofMillis(200)),
                RedisBusConfig.defaults(engineLogic.url(), identity).withReads(100, Duration.ofMillis(200)),
                PLAN,
                LEASES);
    }

    private static RedisTransport transport(PartitionedRun.Instance instance, Bus bus) {
        return (RedisTransport) ((DualMessageBus) instance.bus()).transport(bus);
    }

    /** The partitions the instance's Strategy holds on {@code bus}. */
    private static Set<Integer> strategyHeld(PartitionedRun.Instance instance, Bus bus) {
        return transport(instance, bus).heldPartitions().entrySet().stream()
                .filter(e -> e.getKey().startsWith("strategy/"))
                .findFirst()
                .map(Map.Entry::getValue)
                .orElse(Set.of());
    }

    /** Every instance's share held on both buses, the same partitions on each. */
    private static boolean sharedOut(List<PartitionedRun.Instance> instances) {
        int share = PARTITIONS / instances.size();
        return instances.stream()
                .allMatch(i -> PartitionedRun.heldByGroup(i).size() == 2
                        && PartitionedRun.heldByGroup(i).values().stream().allMatch(h -> h.size() == share)
                        && strategyHeld(i, Bus.ENGINE_LOGIC).equals(strategyHeld(i, Bus.MARKETDATA)));
    }

    @Test
    void anInstanceJoiningMidRunTakesPartitionNOfBothBusesAsOneAndTheSignalsAreOnesInstances() {
        try (PartitionedRun run = new PartitionedRun(redis("join"), PartitionedStrategyTest::engines)) {
            List<PartitionedRun.Instance> all = new ArrayList<>(List.of(run.start(1), run.start(2)));
            await().atMost(Duration.ofSeconds(10)).until(() -> sharedOut(all));
            run.startHub();
            run.feed(INSTRUMENTS, STEPS, Duration.ofSeconds(4), step -> {
                if (step == STEPS / 3) {
                    all.add(run.start(3));
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> sharedOut(all));
            assertThat(run.awaitOutputs(PartitionedRun.total(reference), Duration.ofSeconds(1), Duration.ofSeconds(30)))
                    .as("all outputs arrive, " + run.received() + " of " + PartitionedRun.total(reference))
                    .isTrue();
            PartitionedSeries.assertSame(reference, run.outputs());
            // The Engine Logic bus records the owners Strategy holds there: those of the MarketData bus.
            Map<Integer, String> owners = new HashMap<>();
            for (Bus bus : Bus.values()) {
                for (PartitionStatus p : transport(all.get(0), bus).partitions()) {
                    if (p.group().equals("strategy")) {
                        String other = owners.putIfAbsent(p.partition(), p.owner());
                        assertThat(other == null || other.equals(p.owner()))
                                .as("owner of partition " + p.partition() + " on both buses")
                                .isTrue();
                    }
                }
            }
            assertThat(owners).hasSize(PARTITIONS);
        }
    }

    @Test
    void partitionsTakenOverFromTheirCheckpointsOnBothBusesNeedNoHistoryBeforeThem(@TempDir Path dir) {
        try (Store store = Stores.open(StoreConfig.embedded(dir));
                PartitionedRun run = new PartitionedRun(
                        redis("checkpoint"),
                        PartitionedStrategyTest::engines,
                        Optional.of(new StoredEngineState(store.engineState(), "")))) {
            List<PartitionedRun.Instance> all = List.of(run.start(1), run.start(2), run.start(3));
            await().atMost(Duration.ofSeconds(10)).until(() -> sharedOut(all));
            Set<Integer> crashed = strategyHeld(all.get(2), Bus.MARKETDATA);
            long[] trimmed = {0};
            run.startHub();
            run.feed(INSTRUMENTS, STEPS, Duration.ofSeconds(4), step -> {
                if (step == STEPS / 3) {
                    // every partition of the instance has checkpoints of both engines that cover both buses
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> crashed.stream()
                                    .allMatch(n -> checkpointPositions(store, "vpin", n)
                                                            .size()
                                                    > 0
                                            && checkpointPositions(store, "strategy", n).keySet().stream()
                                                    .anyMatch(lane -> lane.contains(":engine_logic:"))));
                    run.crash(all.get(2));
                    for (int n : crashed) {
                        trimmed[0] += trimToCheckpoints(store, n);
                    }
                }
            });
            assertThat(run.awaitOutputs(PartitionedRun.total(reference), Duration.ofSeconds(1), Duration.ofSeconds(30)))
                    .as("all outputs arrive, " + run.received() + " of " + PartitionedRun.total(reference))
                    .isTrue();
            PartitionedSeries.assertSame(reference, PartitionedSeries.withoutRepeats(run.outputs()));
            assertThat(run.repeatedUnderAnotherId()).isZero();
            assertThat(trimmed[0])
                    .as("entries of the crashed instance's partitions gone before the takeover")
                    .isGreaterThan(100);
            // their partitions' checkpoints are their state: no whole-engine row that instances overwrite in turn
            assertThat(store.engineState().load("vpin")).isEmpty();
            assertThat(store.engineState().load("strategy")).isEmpty();
        }
    }

    /**
     * Trims each lane of partition {@code n} up to the earliest checkpoint position of the groups
     * that read it, on its own bus's Redis; how many entries went.
     */
    private static long trimToCheckpoints(Store store, int n) {
        Map<String, String> upTo = new LinkedHashMap<>();
        for (String group : List.of("vpin", "strategy")) {
            checkpointPositions(store, group, n)
                    .forEach((lane, position) ->
                            upTo.merge(lane, position, (a, b) -> StreamIds.compare(a, b) <= 0 ? a : b));
        }
        long trimmed = 0;
        for (Map.Entry<String, String> lane : upTo.entrySet()) {
            RedisServer server = lane.getKey().contains(":engine_logic:") ? engineLogic : marketData;
            trimmed += server.redis().xtrim(lane.getKey(), XTrimArgs.Builder.minId(lane.getValue()));
        }
        return trimmed;
    }

    /** Lane → position of the stored checkpoint of {@code group}'s partition {@code n}; empty while none. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> checkpointPositions(Store store, String group, int n) {
        return store.engineState()
                .load(group + "#partition-" + n)
                .map(row ->
                        (Map<String, String>) Json.read(row.state(), Map.class).get("positions"))
                .orElse(Map.of());
    }
}
