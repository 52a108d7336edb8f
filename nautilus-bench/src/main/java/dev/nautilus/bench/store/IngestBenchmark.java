package dev.nautilus.bench.store;

import dev.nautilus.store.Store;
import dev.nautilus.store.StoreConfig;
import dev.nautilus.store.Stores;
import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.TradeRow;
import dev.nautilus.store.postgres.PostgresStores;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Ingest throughput, not a test: the same trades written to PostgreSQL by our COPY path, by batched
 * INSERT (the same ingest pipeline with a different writer), by {@code psql \copy} of the same rows
 * from a file, and to DuckDB by the Appender. Each PostgreSQL run writes into a fresh schema
 * (partitioned by day, partitions created on demand) and the row count is checked afterwards.
 *
 * <pre>
 * java -cp ... dev.nautilus.bench.store.IngestBenchmark [rows] [batchSize]
 * env NAUTILUS_BENCH_DB_URL (default jdbc:postgresql://127.0.0.1:5432/test), NAUTILUS_BENCH_DB_USER (root)
 * </pre>
 * Figures are end-to-end: from the first submit to the commit of the last batch (flush), on
 * whatever else the machine is doing at the time.
 */
public final class IngestBenchmark {

    private static final String URL =
            System.getenv().getOrDefault("NAUTILUS_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("NAUTILUS_BENCH_DB_USER", "root");
    private static final String PASSWORD = System.getenv("NAUTILUS_BENCH_DB_PASSWORD");

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : StoreConfig.DEFAULT_BATCH_SIZE;
        List<TradeRow> trades = trades(rows);
        System.out.printf(
                Locale.ROOT,
                "rows=%d batchSize=%d cores=%d java=%s%n",
                rows,
                batchSize,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());

        // Warm up the JIT and the connection paths on a small run, then measure.
        measurePostgres("warm-up COPY", trades.subList(0, Math.min(50_000, rows)), batchSize, false);
        measurePostgres("warm-up INSERT", trades.subList(0, Math.min(20_000, rows)), batchSize, true);

        double copy = measurePostgres("PostgreSQL COPY (ours)", trades, batchSize, false);
        double insert = measurePostgres("PostgreSQL batched INSERT", trades, batchSize, true);
        double psql = measurePsqlCopy(trades);
        double duck = measureDuckDb(trades, batchSize);
        System.out.printf(
                Locale.ROOT,
                "%nsummary rows/s: copy=%.0f insert=%.0f psql_copy=%.0f duckdb_appender=%.0f" + " copy/insert=%.1fx%n",
                copy,
                insert,
                psql,
                duck,
                copy / insert);
    }

    private static List<TradeRow> trades(int rows) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant start = Instant.parse("2025-03-01T00:00:00Z");
        List<TradeRow> trades = new ArrayList<>(rows);
        double price = 60_000;
        for (int i = 0; i < rows; i++) {
            price = Math.max(1, price + random.nextGaussian() * 5);
            // ~3 days of trades, so the run also creates day partitions.
            trades.add(new TradeRow(
                    start.plusMillis(i * 250L),
                    i % 2 == 0 ? "BTCUSD" : "ETHUSD",
                    i,
                    Math.round(price * 100) / 100.0,
                    random.nextDouble(0.0001, 2),
                    i % 3 == 0 ? SideCode.SELL : SideCode.BUY));
        }
        return trades;
    }

    private static double measurePostgres(String label, List<TradeRow> trades, int batchSize, boolean insert)
            throws Exception {
        String schema = "nautilus_bench_" + Long.toHexString(System.nanoTime());
        StoreConfig config =
                StoreConfig.postgres(URL, USER, PASSWORD).withSchema(schema).withBatchSize(batchSize);
        try (Store store = PostgresStores.open(config, insert)) {
            long started = System.nanoTime();
            store.ingest().submitAll(trades);
            store.ingest().flush().get(30, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - started) / 1e9;
            check(store.trades().count("BTCUSD") + store.trades().count("ETHUSD"), trades.size(), label);
            return report(
                    label, trades.size(), seconds, store.ingest().counters().batches());
        } finally {
            dropSchema(schema);
        }
    }

    private static double measurePsqlCopy(List<TradeRow> trades) throws Exception {
        String schema = "nautilus_bench_" + Long.toHexString(System.nanoTime());
        Path file = Files.createTempFile("nautilus-bench", ".tsv");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (TradeRow t : trades) {
                    out.write(t.ts() + "\t" + t.symbol() + "\t" + t.tradeId() + "\t" + t.price() + "\t" + t.size()
                            + "\t" + t.side().name() + "\n");
                }
            }
            // Same schema and partitions as the other runs: open (migrate) and pre-create the days.
            StoreConfig config = StoreConfig.postgres(URL, USER, PASSWORD).withSchema(schema);
            try (Store store = Stores.open(config)) {
                store.ingest().submit(trades.getFirst());
                store.ingest().submit(trades.getLast());
                store.ingest().submit(trades.get(trades.size() / 2));
                store.ingest().flush().get();
            }
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                s.execute("truncate " + schema + ".trades");
            }
            URI uri = URI.create(URL.substring("jdbc:".length()));
            List<String> command = List.of(
                    "psql",
                    "-X",
                    "-q",
                    "-v",
                    "ON_ERROR_STOP=1",
                    "-h",
                    uri.getHost(),
                    "-p",
                    Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()),
                    "-U",
                    USER,
                    "-d",
                    uri.getPath().substring(1),
                    "-c",
                    "\\copy " + schema + ".trades (ts, symbol, trade_id, price, size, side) from '" + file
                            + "' with (format text)");
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            if (PASSWORD != null) {
                builder.environment().put("PGPASSWORD", PASSWORD);
            }
            long started = System.nanoTime();
            int exit = builder.start().waitFor();
            double seconds = (System.nanoTime() - started) / 1e9;
            if (exit != 0) {
                throw new IllegalStateException("psql exited with " + exit);
            }
            try (Connection c = connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from " + schema + ".trades")) {
                rs.next();
                check(rs.getLong(1), trades.size(), "psql \\copy");
            }
            return report("psql \\copy (same rows, from file)", trades.size(), seconds, 1);
        } catch (IOException e) {
            System.out.println("psql \\copy skipped: " + e.getMessage());
            return Double.NaN;
        } finally {
            Files.deleteIfExists(file);
            dropSchema(schema);
        }
    }

    private static double measureDuckDb(List<TradeRow> trades, int batchSize) throws Exception {
        Path dir = Files.createTempDirectory("nautilus-bench-duckdb");
        try (Store store = Stores.open(StoreConfig.embedded(dir).withBatchSize(batchSize))) {
            long started = System.nanoTime();
            store.ingest().submitAll(trades);
            store.ingest().flush().get(30, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - started) / 1e9;
            check(store.trades().count("BTCUSD") + store.trades().count("ETHUSD"), trades.size(), "duckdb");
            return report(
                    "DuckDB Appender (embedded)",
                    trades.size(),
                    seconds,
                    store.ingest().counters().batches());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double report(String label, int rows, double seconds, long batches) {
        double rate = rows / seconds;
        System.out.printf(
                Locale.ROOT,
                "%-36s %,10d rows in %7.3f s = %,10.0f rows/s (%d batches)%n",
                label,
                rows,
                seconds,
                rate,
                batches);
        return rate;
    }

    private static void check(long stored, long expected, String label) {
        if (stored != expected) {
            throw new IllegalStateException(label + ": stored " + stored + " rows, expected " + expected);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    static void dropSchema(String schema) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }
}
