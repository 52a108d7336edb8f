package dev.nautilus.bench.store;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.store.Store;
import dev.nautilus.store.StoreConfig;
import dev.nautilus.store.Stores;
import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.TradeRow;
import dev.nautilus.store.recorder.BusRecorder;
import dev.nautilus.store.recorder.RecordingRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Recorder throughput, not a test: trades published on the in-memory bus, recorded by
 * {@link BusRecorder} into DuckDB and PostgreSQL, timed from the first publish until every row is
 * committed (the recorder acknowledges a message only after its commit, so its handlers wait for
 * their batch; its consumers share batches).
 *
 * <pre>
 * java -cp ... dev.nautilus.bench.store.RecorderBenchmark [messages] [consumers]
 * env NAUTILUS_BENCH_DB_URL (default jdbc:postgresql://127.0.0.1:5432/test), NAUTILUS_BENCH_DB_USER (root)
 * </pre>
 */
public final class RecorderBenchmark {

    private static final String URL =
            System.getenv().getOrDefault("NAUTILUS_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("NAUTILUS_BENCH_DB_USER", "root");
    private static final String PASSWORD = System.getenv("NAUTILUS_BENCH_DB_PASSWORD");
    private static final long START = 1_740_787_200_000_000L;

    /** The payload, as far as the recorder needs it. */
    public record Tick(String instrument, long timestampMicros, double price) {}

    private RecorderBenchmark() {}

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int consumers = args.length > 1 ? Integer.parseInt(args[1]) : BusRecorder.DEFAULT_CONSUMERS;
        System.out.printf(
                Locale.ROOT,
                "messages=%d consumers=%d cores=%d java=%s%n",
                messages,
                consumers,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        Path dir = Files.createTempDirectory("nautilus-bench-recorder");
        try {
            measure(
                    "DuckDB (warm-up)",
                    StoreConfig.embedded(dir.resolve("warm")),
                    Math.min(messages, 20_000),
                    consumers);
            measure("DuckDB", StoreConfig.embedded(dir.resolve("run")), messages, consumers);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        String schema = "nautilus_bench_" + Long.toHexString(System.nanoTime());
        try {
            measure("PostgreSQL", StoreConfig.postgres(URL, USER, PASSWORD).withSchema(schema), messages, consumers);
        } finally {
            IngestBenchmark.dropSchema(schema);
        }
    }

    private static void measure(String label, StoreConfig config, int messages, int consumers) throws Exception {
        RecordingRule rule =
                new RecordingRule("trades", "market_data.trade.*", Set.of(MessageType.MARKET_DATA), message -> {
                    Tick tick = message.payloadAs(Tick.class);
                    return List.of(new TradeRow(
                            Instant.EPOCH.plus(tick.timestampMicros(), ChronoUnit.MICROS),
                            tick.instrument(),
                            tick.timestampMicros(),
                            tick.price(),
                            1,
                            SideCode.BUY));
                });
        try (MessageBus bus = InMemoryTransport.dualBus();
                Store store = Stores.open(config);
                BusRecorder recorder = new BusRecorder(bus, store.ingest(), List.of(rule), "recorder-1", consumers)) {
            long started = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BENCH")
                        .source("bench")
                        .payload(new Tick("BENCH", START + i * 1_000L, 100 + i % 50))
                        .build());
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (recorder.recorded() < messages && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            store.ingest().flush().get(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - started) / 1e9;
            long stored = store.trades().count("BENCH");
            System.out.printf(
                    Locale.ROOT,
                    "%-20s %,9d messages in %7.3f s = %,9.0f msg/s (%d batches, %d stored)%n",
                    label,
                    messages,
                    seconds,
                    messages / seconds,
                    store.ingest().counters().batches(),
                    stored);
        }
    }
}
