package dev.nautilus.bench.redis;

import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.app.engines.PartitionedRun;
import dev.nautilus.bench.BenchReport;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.bus.redis.partition.LeaseSettings;
import dev.nautilus.bus.redis.partition.PartitionPlan;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.testkit.RedisCluster;
import dev.nautilus.testkit.RedisServer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code ./nautilus bench partitions}: the synthetic 20-instrument feed through VPIN and Strategy,
 * market data and VPIN results each in 12 partitions, with 1, 2 and 3 instances of both engines
 * (and, as the floor, one instance on today's single streams)
 * (in this JVM, each instance on connections of its own), on a single Redis per bus and on one
 * 3-node Redis Cluster carrying both buses. At each point: input messages per second (trades and
 * bars, hub to last output), CPU per input message (this JVM and the Redis servers), and whether
 * the outputs equal those of one instance on the in-memory bus ({@code identical}), with how many
 * of those are missing ({@code lost}).
 */
public final class PartitionsBench {

    private static final int PARTITIONS = 12;
    private static final int INSTRUMENTS = 20;
    private static final PartitionPlan PLAN =
            PartitionPlan.NONE.with(MessageType.MARKET_DATA, PARTITIONS).with(MessageType.VPIN_CALCULATION, PARTITIONS);
    private static final LeaseSettings LEASES = LeaseSettings.of(Duration.ofSeconds(4));

    private PartitionsBench() {}

    private static List<Engine> engines() {
        return List.of(EngineCatalog.create(EngineMatrix.VPIN), EngineCatalog.create(EngineMatrix.STRATEGY));
    }

    public static BenchReport run(boolean quick) {
        int steps = quick ? 500 : 2500;
        Map<String, List<String>> reference =
                PartitionedRun.oneInstanceInMemory(PartitionsBench::engines, INSTRUMENTS, steps);
        long expected = PartitionedRun.total(reference);
        List<Map<String, Object>> points = new ArrayList<>();
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start()) {
            // Warm-up, not reported: the first point would otherwise pay for the JIT of the Redis paths.
            point(
                    "warm-up",
                    1,
                    steps / 2,
                    buses("warmup", marketData.url(), engineLogic.url(), false, PLAN),
                    Map.of(),
                    0,
                    List.of());
            points.add(point(
                    "single Redis per bus, not partitioned (floor)",
                    1,
                    steps,
                    buses("single0", marketData.url(), engineLogic.url(), false, PartitionPlan.NONE),
                    reference,
                    expected,
                    List.of(marketData, engineLogic)));
            for (int instances = 1; instances <= 3; instances++) {
                points.add(point(
                        "single Redis per bus",
                        instances,
                        steps,
                        buses("single" + instances, marketData.url(), engineLogic.url(), false, PLAN),
                        reference,
                        expected,
                        List.of(marketData, engineLogic)));
            }
        }
        try (RedisCluster cluster = RedisCluster.start(3)) {
            points.add(point(
                    "3-node cluster, both buses, not partitioned (floor)",
                    1,
                    steps,
                    buses("cluster0", cluster.url(), cluster.url(), true, PartitionPlan.NONE),
                    reference,
                    expected,
                    cluster.nodes()));
            for (int instances = 1; instances <= 3; instances++) {
                points.add(point(
                        "3-node cluster, both buses",
                        instances,
                        steps,
                        buses("cluster" + instances, cluster.url(), cluster.url(), true, PLAN),
                        reference,
                        expected,
                        cluster.nodes()));
            }
        }
        return new BenchReport("partitions")
                .put("feed", INSTRUMENTS + " instruments, " + steps + " steps; VPIN + Strategy; P = " + PARTITIONS)
                .put("reference outputs (one instance, in memory)", expected)
                .put("points", points);
    }

    /** Each point's buses under a prefix of its own: streams, groups and leases start empty. */
    private static Function<String, MessageBus> buses(
            String prefix, String marketData, String engineLogic, boolean cluster, PartitionPlan plan) {
        return identity -> RedisBuses.dualBus(
                RoutingTable.withPrefix(prefix),
                config(marketData, identity, cluster),
                config(engineLogic, identity, cluster),
                plan,
                LEASES);
    }

    private static RedisBusConfig config(String url, String identity, boolean cluster) {
        return RedisBusConfig.defaults(url, identity).withCluster(cluster).withStreamMaxLen(1_000_000);
    }

    private static Map<String, Object> point(
            String layout,
            int instances,
            int steps,
            Function<String, MessageBus> buses,
            Map<String, List<String>> reference,
            long expected,
            List<RedisServer> servers) {
        double redisCpuBefore =
                servers.stream().mapToDouble(ServerStats::cpuSeconds).sum();
        Map<String, Object> point = new LinkedHashMap<>();
        try (PartitionedRun run = new PartitionedRun(buses, PartitionsBench::engines)) {
            List<PartitionedRun.Instance> started = new ArrayList<>();
            for (int n = 1; n <= instances; n++) {
                started.add(run.start(n));
            }
            int share = PARTITIONS / instances;
            boolean partitioned = !layout.contains("not partitioned");
            // Both engines of every instance hold their share on the MarketData bus before the feed starts.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitioned
                    && !started.stream()
                            .allMatch(i -> PartitionedRun.heldByGroup(i).size() == 2
                                    && PartitionedRun.heldByGroup(i).values().stream()
                                            .allMatch(held -> held.size() == share))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the partitions were not shared out within 60 s");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
            }
            run.startHub();
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            long trades = run.feed(INSTRUMENTS, steps, Duration.ZERO, step -> {});
            boolean complete = run.awaitOutputs(expected, Duration.ofSeconds(2), Duration.ofMinutes(5));
            double seconds = (run.lastOutputNanos() - start) / 1e9;
            long cpu = processCpuNanos() - cpuBefore;
            double redisCpu =
                    servers.stream().mapToDouble(ServerStats::cpuSeconds).sum() - redisCpuBefore;
            long inputs = trades + bars(reference);
            Map<String, List<String>> outputs = run.outputs();
            point.put("layout", layout);
            point.put("instances", instances);
            point.put("partitions", partitioned ? PARTITIONS : 1);
            point.put("input messages", inputs);
            point.put("input msg/s", Math.round(inputs / seconds));
            point.put("JVM CPU us/msg (hub, instances, collector)", round(cpu / 1e3 / inputs));
            point.put("Redis CPU us/msg", round(redisCpu * 1e6 / inputs));
            point.put("all outputs arrived", complete);
            point.put("identical", outputs.equals(reference));
            point.put(
                    "identical VPIN",
                    only(outputs, "vpin.").equals(only(reference, "vpin."))
                            && only(outputs, "toxicity.").equals(only(reference, "toxicity.")));
            point.put("identical Strategy", only(outputs, "strategy.").equals(only(reference, "strategy.")));
            point.put("lost", lost(reference, outputs));
            point.put("outputs", run.received());
        }
        return point;
    }

    /** Bars the hub published: one VPIN status each, in the reference. */
    private static long bars(Map<String, List<String>> reference) {
        return only(reference, "vpin.calculation.").values().stream()
                .mapToLong(List::size)
                .sum();
    }

    private static Map<String, List<String>> only(Map<String, List<String>> outputs, String prefix) {
        Map<String, List<String>> kept = new HashMap<>();
        outputs.forEach((topic, series) -> {
            if (topic.startsWith(prefix)) {
                kept.put(topic, series);
            }
        });
        return kept;
    }

    /** Reference outputs missing from {@code outputs}: per topic, counted as a multiset. */
    private static long lost(Map<String, List<String>> reference, Map<String, List<String>> outputs) {
        long lost = 0;
        for (Map.Entry<String, List<String>> series : reference.entrySet()) {
            List<String> left = new ArrayList<>(outputs.getOrDefault(series.getKey(), List.of()));
            for (String output : series.getValue()) {
                if (!left.remove(output)) {
                    lost++;
                }
            }
        }
        return lost;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
