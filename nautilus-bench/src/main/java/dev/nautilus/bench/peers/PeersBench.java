package dev.nautilus.bench.peers;

import dev.nautilus.bench.BenchReport;
import dev.nautilus.bench.redis.RedisBenchmarkTool;
import dev.nautilus.bench.redis.RedisLatencyBench;
import dev.nautilus.bus.MessageType;
import dev.nautilus.testkit.RedisServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code nautilus bench peers}: Nautilus beside what users would pick instead, in one run, on one
 * fresh Redis, with one 256-byte payload and one delivery (a consumer group, each message handed
 * to a handler and acknowledged after it): Spring Data Redis, a seed-style Python client, the
 * minimal raw client (the floor) and {@code redis-benchmark -P 64 XADD}; then latency at a fixed
 * rate, Nautilus against the minimal client. Writes {@code build/bench/peers.json}.
 */
public final class PeersBench {

    /** How much each part of the run does. */
    public record Plan(
            int rounds,
            int messages,
            int springMessages,
            int pythonMessages,
            int redisBenchmarkRequests,
            int latencyRate,
            Duration latencyWarmup,
            Duration latencyDuration) {

        /** The run whose figures go in docs/BENCHMARKS.md (three rounds, about two minutes). */
        public static Plan full() {
            return new Plan(3, 200_000, 40_000, 15_000, 300_000, 10_000, Duration.ofSeconds(5), Duration.ofSeconds(10));
        }

        /** A smoke run of a few seconds: every row and figure, none worth recording. */
        public static Plan quick() {
            return new Plan(1, 3_000, 600, 300, 20_000, 1_000, Duration.ofSeconds(1), Duration.ofSeconds(1));
        }
    }

    private static final int PAYLOAD_BYTES = 256;

    private PeersBench() {}

    /** The rows, measured in this order; the packed row packs the one type the bench publishes. */
    static List<Peer> peers(Plan plan) {
        return List.of(
                new NautilusPeer(NautilusPeer.NAME, plan.messages(), config -> config),
                new NautilusPeer(
                        NautilusPeer.PACKED,
                        plan.messages(),
                        config -> config.withPackedTypes(EnumSet.of(MessageType.MARKET_DATA))),
                new SpringDataRedisPeer(plan.springMessages()),
                new PythonSeedPeer(plan.pythonMessages()),
                new MinimalClientPeer(plan.messages(), false),
                new MinimalClientPeer(plan.messages(), true));
    }

    /**
     * Measures every row {@code plan.rounds()} times, the rows taking turns so that a burst of
     * load from elsewhere on a shared machine falls on all of them; each row reports its fastest
     * round (the one least disturbed), and every round's msg/s is kept in the JSON.
     */
    public static BenchReport run(Plan plan, PrintStream out) throws Exception {
        PeerPayload payload = PeerPayload.ofJsonSize(PAYLOAD_BYTES);
        List<Peer> peers = peers(plan);
        Map<String, List<PeerRow>> rounds = new LinkedHashMap<>();
        List<Double> redisBenchmarkRounds = new ArrayList<>();
        RedisBenchmarkTool.Result redisBenchmark = null;
        RedisLatencyBench.Pair latency;
        try (RedisServer redis = RedisServer.start();
                RedisServer idleSecondBus = RedisServer.start()) {
            for (int round = 1; round <= plan.rounds(); round++) {
                redis.redis().flushall();
                RedisBenchmarkTool.Result baseline =
                        RedisBenchmarkTool.xadd(redis.port(), plan.redisBenchmarkRequests(), 50, 64, PAYLOAD_BYTES);
                redisBenchmarkRounds.add(baseline.requestsPerSecond());
                if (redisBenchmark == null || baseline.requestsPerSecond() > redisBenchmark.requestsPerSecond()) {
                    redisBenchmark = baseline;
                }
                for (Peer peer : peers) {
                    redis.redis().flushall();
                    out.print("round " + round + "/" + plan.rounds() + ": measuring " + peer.name() + " … ");
                    long start = System.nanoTime();
                    rounds.computeIfAbsent(peer.name(), name -> new ArrayList<>())
                            .add(peer.measure(redis, payload));
                    out.printf("%.1f s%n", (System.nanoTime() - start) / 1e9);
                }
            }
            out.print("measuring latency at " + plan.latencyRate() + " msg/s … ");
            long start = System.nanoTime();
            latency = RedisLatencyBench.measurePair(
                    redis, idleSecondBus, plan.latencyRate(), plan.latencyWarmup(), plan.latencyDuration());
            out.printf("%.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        List<PeerRow> rows = rounds.values().stream().map(PeersBench::fastest).toList();
        printTable(out, rows, rounds, redisBenchmark, redisBenchmarkRounds);
        BenchReport report = report(out, plan, payload, rows, redisBenchmark, latency);
        report.detail("redis_benchmark_rounds_requests_per_second", redisBenchmarkRounds);
        report.detail(
                "rows",
                rows.stream()
                        .map(row -> {
                            Map<String, Object> json = row.toJson();
                            List<PeerRow> all = rounds.get(row.name());
                            json.put("rounds_messages_per_second", rates(all));
                            json.put(
                                    "rounds_client_cpu_us_per_message",
                                    all.stream()
                                            .map(PeerRow::clientMicrosPerMessage)
                                            .toList());
                            json.put(
                                    "rounds_redis_cpu_us_per_message",
                                    all.stream()
                                            .map(PeerRow::redisMicrosPerMessage)
                                            .toList());
                            return json;
                        })
                        .toList());
        return report;
    }

    private static PeerRow fastest(List<PeerRow> rounds) {
        return rounds.stream()
                .max(java.util.Comparator.comparingDouble(PeerRow::messagesPerSecond))
                .orElseThrow();
    }

    private static List<Double> rates(List<PeerRow> rounds) {
        return rounds.stream().map(PeerRow::messagesPerSecond).toList();
    }

    private static String roundRates(List<Double> rates) {
        return String.join(
                " / ", rates.stream().map(r -> String.format("%,.0f", r)).toList());
    }

    private static BenchReport report(
            PrintStream out,
            Plan plan,
            PeerPayload payload,
            List<PeerRow> rows,
            RedisBenchmarkTool.Result redisBenchmark,
            RedisLatencyBench.Pair latency) {
        PeerRow nautilus = row(rows, NautilusPeer.NAME).orElseThrow();
        Optional<PeerRow> python = row(rows, PythonSeedPeer.NAME);
        Optional<PeerRow> packed = row(rows, NautilusPeer.PACKED);
        Double toSpring = ratio(nautilus, row(rows, SpringDataRedisPeer.NAME));
        Double toPython = ratio(nautilus, python);
        Double toMinimal = ratio(nautilus, row(rows, MinimalClientPeer.NAME));
        Double toSameEntry = ratio(nautilus, row(rows, MinimalClientPeer.SAME_ENTRY));
        Double packedToRedisBenchmark = packed.filter(PeerRow::measured)
                .map(p -> p.messagesPerSecond() / redisBenchmark.requestsPerSecond())
                .orElse(null);
        BenchReport report = new BenchReport("peers")
                .put("ratio_to_spring", toSpring)
                .put("ratio_to_python", toPython)
                .put("ratio_to_minimal", toMinimal)
                .put("packed_ratio_to_redis_benchmark", packedToRedisBenchmark)
                // the floor writing Nautilus's own entry: the part of the gap Redis's side of that entry makes
                .put("ratio_to_minimal_same_entry", toSameEntry);
        if (packedToRedisBenchmark == null) {
            report.put("packed_note", "no '" + NautilusPeer.PACKED + "' row was measured");
        }
        if (toPython == null) {
            report.put("python_note", python.map(PeerRow::note).orElse("no Python row"));
        }
        // msg/s on a shared machine is what the scheduler allowed; CPU per message is steadier
        report.put("cpu_ratio_spring_to_nautilus", cpuRatio(nautilus, row(rows, SpringDataRedisPeer.NAME)))
                .put("cpu_ratio_python_to_nautilus", cpuRatio(nautilus, python))
                .put("cpu_ratio_minimal_to_nautilus", cpuRatio(nautilus, row(rows, MinimalClientPeer.NAME)))
                .put(
                        "cpu_ratio_minimal_same_entry_to_nautilus",
                        cpuRatio(nautilus, row(rows, MinimalClientPeer.SAME_ENTRY)));
        report.put("ratio_to_redis_benchmark", nautilus.messagesPerSecond() / redisBenchmark.requestsPerSecond())
                .put("latency_p50_ratio_to_minimal", latency.p50Ratio())
                .put("latency_p99_ratio_to_minimal", latency.p99Ratio())
                .put("latency_rate_per_second", plan.latencyRate())
                .put("latency_nautilus_p50_p99_p999_us", RedisLatencyBench.percentiles(latency.nautilus()))
                .put("latency_minimal_p50_p99_p999_us", RedisLatencyBench.percentiles(latency.minimal()))
                .put("latency_measured_messages", latency.nautilus().getTotalCount())
                .put("redis_benchmark_xadd_p64_requests_per_second", redisBenchmark.requestsPerSecond())
                .put("nautilus_messages_per_second", nautilus.messagesPerSecond())
                .put("nautilus_client_cpu_us_per_message", nautilus.clientMicrosPerMessage())
                .put("nautilus_client_bytes_per_message", nautilus.clientBytesPerMessage())
                .put("nautilus_redis_cpu_us_per_message", nautilus.redisMicrosPerMessage())
                .put("payload_bytes", payload.json().length());
        Map<String, Object> aims =
                aims(rows, toSpring, toPython, toMinimal, packedToRedisBenchmark, redisBenchmark, latency);
        aims.forEach((name, aim) -> {
            Map<?, ?> figures = (Map<?, ?>) aim;
            Object met = figures.get("met");
            out.printf(
                    "aim %-40s %-12s %s%n",
                    name, met == null ? "not measured" : (Boolean) met ? "met" : "NOT met", figures.get("same_run"));
        });
        report.detail("aims", aims);
        return report;
    }

    /**
     * Each aim of issue #19: the same-run value, whether it is met ({@code null}: not measured) and
     * the same-run figures that explain it.
     */
    private static Map<String, Object> aims(
            List<PeerRow> rows,
            Double toSpring,
            Double toPython,
            Double toMinimal,
            Double packed,
            RedisBenchmarkTool.Result redisBenchmark,
            RedisLatencyBench.Pair latency) {
        PeerRow nautilus = row(rows, NautilusPeer.NAME).orElseThrow();
        Map<String, Object> aims = new LinkedHashMap<>();
        aims.put(
                "ratio_to_spring >= 3",
                aim(toSpring, toSpring != null && toSpring >= 3, against(nautilus, rows, SpringDataRedisPeer.NAME)));
        aims.put(
                "ratio_to_python >= 25",
                aim(toPython, toPython != null && toPython >= 25, against(nautilus, rows, PythonSeedPeer.NAME)));
        aims.put(
                "ratio_to_minimal >= 0.85",
                aim(
                        toMinimal,
                        toMinimal != null && toMinimal >= 0.85,
                        against(nautilus, rows, MinimalClientPeer.NAME) + "; the floor writing Nautilus's entry "
                                + row(rows, MinimalClientPeer.SAME_ENTRY)
                                        .filter(PeerRow::measured)
                                        .map(PeersBench::describe)
                                        .orElse("not measured")));
        aims.put(
                "packed_ratio_to_redis_benchmark >= 1.0",
                aim(
                        packed,
                        packed != null && packed >= 1.0,
                        row(rows, NautilusPeer.PACKED)
                                .map(p -> describe(p) + " against redis-benchmark "
                                        + String.format("%,.0f", redisBenchmark.requestsPerSecond()) + " req/s")
                                .orElse("entry packing is not in this build")));
        String latencies = "nautilus p50 / p99 / p99.9 " + RedisLatencyBench.percentiles(latency.nautilus())
                + " us, minimal client " + RedisLatencyBench.percentiles(latency.minimal()) + " us";
        aims.put("latency_p50_ratio_to_minimal <= 1.2", aim(latency.p50Ratio(), latency.p50Ratio() <= 1.2, latencies));
        aims.put("latency_p99_ratio_to_minimal <= 1.0", aim(latency.p99Ratio(), latency.p99Ratio() <= 1.0, latencies));
        return aims;
    }

    private static String against(PeerRow nautilus, List<PeerRow> rows, String peer) {
        return describe(nautilus) + " against "
                + row(rows, peer)
                        .map(p -> p.measured() ? describe(p) : p.name() + " not measured: " + p.note())
                        .orElse(peer + ": no row");
    }

    private static String describe(PeerRow row) {
        return String.format(
                "%s %,.0f msg/s, CPU per message client %.1f us + Redis %.1f us",
                row.name(), row.messagesPerSecond(), row.clientMicrosPerMessage(), row.redisMicrosPerMessage());
    }

    private static Map<String, Object> aim(Double value, boolean met, String sameRun) {
        Map<String, Object> aim = new LinkedHashMap<>();
        aim.put("value", value);
        aim.put("met", value == null ? null : met);
        aim.put("same_run", sameRun);
        return aim;
    }

    private static void printTable(
            PrintStream out,
            List<PeerRow> rows,
            Map<String, List<PeerRow>> rounds,
            RedisBenchmarkTool.Result redisBenchmark,
            List<Double> redisBenchmarkRounds) {
        double nautilus = row(rows, NautilusPeer.NAME).orElseThrow().messagesPerSecond();
        String format = "%-30s %10s %10s %14s %15s %13s %14s  %s%n";
        out.println();
        out.printf(
                format,
                "peer (fastest round)",
                "messages",
                "msg/s",
                "Redis us/msg",
                "client us/msg",
                "client B/msg",
                "nautilus / it",
                "every round (msg/s)");
        for (PeerRow row : rows) {
            if (!row.measured()) {
                out.printf("%-30s not measured: %s%n", row.name(), row.note());
                continue;
            }
            out.printf(
                    format,
                    row.name(),
                    String.format("%,d", row.messages()),
                    String.format("%,.0f", row.messagesPerSecond()),
                    String.format("%.2f", row.redisMicrosPerMessage()),
                    String.format("%.2f", row.clientMicrosPerMessage()),
                    row.clientBytesPerMessage() == null ? "-" : String.format("%,.0f", row.clientBytesPerMessage()),
                    String.format("%.2f", nautilus / row.messagesPerSecond()),
                    roundRates(rates(rounds.get(row.name()))));
        }
        out.printf(
                format,
                "redis-benchmark -P 64 XADD",
                "req/s",
                String.format("%,.0f", redisBenchmark.requestsPerSecond()),
                "-",
                "-",
                "-",
                String.format("%.2f", nautilus / redisBenchmark.requestsPerSecond()),
                roundRates(redisBenchmarkRounds));
        out.println("(client CPU: this JVM's, all threads, for the Java rows; the two python processes' for Python."
                + " On " + Runtime.getRuntime().availableProcessors()
                + " cores the sum Redis + client bounds msg/s at cores x 1e6 / (Redis + client).)");
    }

    private static Optional<PeerRow> row(List<PeerRow> rows, String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /**
     * The CPU (client + Redis) the peer spends per delivered message over Nautilus's, or {@code
     * null} when the peer was not measured.
     */
    private static Double cpuRatio(PeerRow nautilus, Optional<PeerRow> peer) {
        return peer.filter(PeerRow::measured)
                .map(p -> (p.clientMicrosPerMessage() + p.redisMicrosPerMessage())
                        / (nautilus.clientMicrosPerMessage() + nautilus.redisMicrosPerMessage()))
                .orElse(null);
    }

    /** Nautilus's msg/s over the peer's, or {@code null} when the peer was not measured. */
    private static Double ratio(PeerRow nautilus, Optional<PeerRow> peer) {
        return peer.filter(PeerRow::measured)
                .map(p -> nautilus.messagesPerSecond() / p.messagesPerSecond())
                .orElse(null);
    }
}
