package dev.nautilus.bench;

import dev.nautilus.bench.backtest.BacktestBench;
import dev.nautilus.bench.migration.MigrationBench;
import dev.nautilus.bench.peers.PeersBench;
import dev.nautilus.bench.pipeline.PipelineBench;
import dev.nautilus.bench.redis.ClusterThroughputBench;
import dev.nautilus.bench.redis.PartitionsBench;
import dev.nautilus.bench.redis.RedisLatencyBench;
import dev.nautilus.bench.redis.RedisThroughputBench;
import dev.nautilus.bench.redis.ScalingBench;
import dev.nautilus.bench.redis.SeedFailureModeBench;
import dev.nautilus.bench.websocket.WebSocketBench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nautilus bench SCENARIO}: runs a named benchmark scenario and prints its figures. The
 * {@code ./nautilus} launcher runs it ({@link BenchMain}) on this module's class path, so no benchmark
 * is on the application's; its name is the one users type.
 */
@Command(
        name = "nautilus bench",
        mixinStandardHelpOptions = true,
        description = "Runs a named benchmark scenario and prints its figures (JSON under build/bench/).")
final class BenchCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "SCENARIO",
            description =
                    "in-memory, throughput, cluster, latency, seed-failure-mode, migration, pipeline, scaling, backtest, websocket,"
                            + " peers, partitions")
    String scenario;

    private static final Path OUTPUT = Path.of("build", "bench");

    @Option(names = "--quick", description = "Fewer and shorter iterations (a smoke run, not a figure to record).")
    boolean quick;

    @Option(
            names = "--clients",
            paramLabel = "N",
            defaultValue = "20000",
            description = "websocket: concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(
            names = "--rate",
            paramLabel = "PER_SECOND",
            description = "latency: messages per second (default 10,000); "
                    + "websocket: updates per second each client receives (default 10); "
                    + "migration: trades per second replayed (default 400).")
    Integer rate;

    @Option(
            names = "--seconds",
            paramLabel = "S",
            defaultValue = "30",
            description = "websocket: length of the measured window (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--instruments",
            paramLabel = "K",
            defaultValue = "100",
            description = "websocket: instruments; each client follows one (default: ${DEFAULT-VALUE}).")
    int instruments;

    @Option(
            names = "--packed",
            description = "throughput: the type's messages packed several to a stream entry (bus.packed_types).")
    boolean packed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return switch (scenario) {
            case "in-memory" -> {
                InMemoryBench.run(System.out, quick);
                yield 0;
            }
            case "throughput" -> {
                RedisThroughputBench.run(quick ? 50_000 : 500_000, packed).publish(System.out, OUTPUT);
                yield 0;
            }
            case "cluster" -> {
                ClusterThroughputBench.run(quick ? 30_000 : 300_000).publish(System.out, OUTPUT);
                yield 0;
            }
            case "latency" -> {
                RedisLatencyBench.run(rate == null ? 10_000 : rate, Duration.ofSeconds(quick ? 3 : 10))
                        .publish(System.out, OUTPUT);
                yield 0;
            }
            case "seed-failure-mode" -> {
                SeedFailureModeBench.run(Duration.ofSeconds(quick ? 5 : 20), 1_000, Duration.ofMillis(1))
                        .publish(System.out, OUTPUT);
                yield 0;
            }
            case "migration" -> {
                MigrationBench.run(
                        Duration.ofMillis(quick ? 500 : 2_000),
                        rate == null ? 400 : rate,
                        Duration.ofMillis(1),
                        System.out,
                        OUTPUT);
                yield 0;
            }
            case "scaling" -> {
                ScalingBench.run(Duration.ofSeconds(quick ? 1 : 3), OUTPUT.resolve("scaling.svg"))
                        .publish(System.out, OUTPUT);
                yield 0;
            }
            case "pipeline" -> {
                PipelineBench.run(quick ? 20_000 : 0).publish(System.out, OUTPUT);
                yield 0;
            }
            case "partitions" -> {
                PartitionsBench.run(quick).publish(System.out, OUTPUT);
                yield 0;
            }
            case "backtest" -> {
                BacktestBench.run(quick).publish(System.out, OUTPUT);
                yield 0;
            }
            case "websocket" -> {
                WebSocketBench.run(
                                quick ? Math.min(clients, 2_000) : clients,
                                rate == null ? 10 : rate,
                                quick ? 5 : seconds,
                                instruments,
                                spec.commandLine().getOut())
                        .publish(System.out, OUTPUT);
                yield 0;
            }
            case "peers" -> {
                PeersBench.run(quick ? PeersBench.Plan.quick() : PeersBench.Plan.full(), System.out)
                        .publish(System.out, OUTPUT);
                yield 0;
            }
            default -> {
                spec.commandLine()
                        .getErr()
                        .println(
                                "nautilus bench: unknown scenario '" + scenario
                                        + "' (in-memory, throughput, cluster, latency, seed-failure-mode, migration, pipeline, scaling, backtest, websocket, peers, partitions)");
                yield 2;
            }
        };
    }
}
