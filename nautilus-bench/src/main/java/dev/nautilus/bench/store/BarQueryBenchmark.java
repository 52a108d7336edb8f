package dev.nautilus.bench.store;

import dev.nautilus.store.Store;
import dev.nautilus.store.StoreConfig;
import dev.nautilus.store.Stores;
import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.TradeRow;
import dev.nautilus.store.repository.TimeRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Bar-query latency over many trades (default 10 million, two symbols, one every 250 ms per
 * symbol pair, so about 29 days and as many day partitions), on PostgreSQL and on the embedded
 * DuckDB store: 1-minute bars of one symbol over one day, and 1-hour bars over the whole range.
 * Each query runs 7 times; the median and the slowest are printed. A benchmark, not a test.
 *
 * <p>Run: see docs/BENCHMARKS.md ({@code dev.nautilus.bench.store.BarQueryBenchmark [rows]}).
 */
public final class BarQueryBenchmark {

    private static final String URL =
            System.getenv().getOrDefault("NAUTILUS_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("NAUTILUS_BENCH_DB_USER", "root");
    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");

    private BarQueryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        System.out.printf(
                Locale.ROOT,
                "rows=%,d cores=%d java=%s%n",
                rows,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        String schema = "nautilus_barbench_" + Long.toHexString(System.nanoTime());
        try (Store store = Stores.open(StoreConfig.postgres(URL, USER, System.getenv("NAUTILUS_BENCH_DB_PASSWORD"))
                .withSchema(schema))) {
            measure("PostgreSQL", store, rows);
        } finally {
            try (var c = DriverManager.getConnection(URL, USER, System.getenv("NAUTILUS_BENCH_DB_PASSWORD"));
                    var s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }
        Path dir = Files.createTempDirectory("nautilus-barbench");
        try (Store store = Stores.open(StoreConfig.embedded(dir))) {
            measure("DuckDB", store, rows);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void measure(String name, Store store, int rows) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        double price = 60_000;
        long started = System.nanoTime();
        for (int i = 0; i < rows; i++) {
            price = Math.max(1, price + random.nextDouble(-5, 5));
            store.ingest()
                    .submit(new TradeRow(
                            START.plusMillis(i * 250L),
                            i % 2 == 0 ? "BTCUSD" : "ETHUSD",
                            i,
                            Math.round(price * 100) / 100.0,
                            random.nextDouble(0.0001, 2),
                            i % 3 == 0 ? SideCode.SELL : SideCode.BUY));
        }
        store.ingest().flush().get(60, TimeUnit.MINUTES);
        System.out.printf(
                Locale.ROOT, "%s: ingested %,d trades in %.1f s%n", name, rows, (System.nanoTime() - started) / 1e9);
        Instant end = START.plusMillis(rows * 250L);
        TimeRange oneDay = new TimeRange(START.plus(Duration.ofDays(3)), START.plus(Duration.ofDays(4)));
        time(
                name + " 1-minute bars, BTCUSD, one day",
                () -> store.trades()
                        .bars("BTCUSD", Duration.ofMinutes(1), oneDay)
                        .size());
        time(
                name + " 1-hour bars, BTCUSD, all "
                        + Duration.between(START, end).toDays() + " days",
                () -> store.trades()
                        .bars("BTCUSD", Duration.ofHours(1), new TimeRange(START, end))
                        .size());
    }

    private interface Query {
        int run() throws Exception;
    }

    private static void time(String label, Query query) throws Exception {
        query.run();
        double[] millis = new double[7];
        int bars = 0;
        for (int i = 0; i < millis.length; i++) {
            long t = System.nanoTime();
            bars = query.run();
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(
                Locale.ROOT, "%-52s %5d bars: median %8.1f ms, slowest %8.1f ms%n", label, bars, millis[3], millis[6]);
    }
}
