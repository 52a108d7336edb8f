package dev.nautilus.bench.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.app.websocket.ServerFrames;
import dev.nautilus.app.websocket.WebSocketEngine;
import dev.nautilus.bench.BenchReport;
import dev.nautilus.bench.FixedRate;
import dev.nautilus.bus.Json;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.MicroClock;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.marketdata.PriceUpdate;
import dev.nautilus.engines.marketdata.Trade;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * {@code ./nautilus bench websocket}: N WebSocket clients, each subscribed to the price updates of
 * one instrument, receiving {@code rate} updates a second; the WebSocket engine in this process
 * (in-memory buses), the clients in load-generator processes of their own
 * ({@link WebSocketLoadGenerator}, Netty), all on loopback. Prices are the real Bitstamp BTC/USD
 * trades, one instrument per topic ({@code price.update.X<k>}). Latency runs from each message's
 * intended publication time (its timestamp: coordinated omission corrected) to its arrival at a
 * client; memory and CPU are this process's, which is the server's. A 1,000-client run in the same
 * invocation is the baseline.
 */
public final class WebSocketBench {

    /** Clients per load-generator process: each process has its own file-descriptor limit. */
    private static final int CLIENTS_PER_GENERATOR = 9_000;

    private static final String PREFIX = "price.update.X";
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final int FLOOR_SOCKETS = 4_000;
    private static final double FLOOR_SECONDS = 5;
    /** Event-loop threads per load generator: on a busy machine one thread gets too small a share of the CPU. */
    private static final int GENERATOR_THREADS = 2;

    private WebSocketBench() {}

    /** The figures of one run. */
    record Outcome(
            int seconds,
            int requested,
            int connected,
            int failed,
            long published,
            long expected,
            long received,
            long droppedReported,
            long serverDropped,
            long slowDisconnects,
            long framesEncoded,
            long serverMessagesSent,
            long serverMessageWrites,
            Histogram latency,
            double serverCpuCores,
            double serverMicrosPerDelivery,
            double generatorCpuCores,
            double generatorMicrosPerDelivery,
            long heapUsedMaxBytes,
            long heapLiveAfterGcBytes,
            long rssBytes,
            long rssPeakBytes,
            String note) {}

    /**
     * Runs the baseline (1,000 clients) and then {@code clients}.
     *
     * @param rate    updates per second each client receives
     * @param topics  instruments (each client follows one; clients / topics per instrument)
     */
    public static BenchReport run(int clients, int rate, int seconds, int topics, PrintWriter progress)
            throws Exception {
        List<Trade> trades = ReplaySource.bitstamp(0);
        Outcome baseline = scenario(Math.min(1_000, clients), rate, Math.min(seconds, 10), topics, trades, progress);
        SocketWriteFloor.Floor floor = floor(clients, rate, topics, trades, progress);
        Outcome main = scenario(clients, rate, seconds, topics, trades, progress);
        BenchReport report = new BenchReport("websocket");
        report.put(
                "floor (same run): plain write / read of one frame, CPU per frame (us), sockets",
                String.format("%.1f / %.1f, %d", floor.writeMicros(), floor.readMicros(), floor.sockets()));
        report.put("baseline: clients (same run)", baseline.connected());
        put(report, "baseline", baseline);
        put(report, "main", main);
        report.put(
                "main: p99 / baseline p99",
                (double) main.latency().getValueAtPercentile(99)
                        / baseline.latency().getValueAtPercentile(99));
        report.put(
                "main: server CPU per delivery / floor write, generator / floor read",
                String.format(
                        "%.2f / %.2f",
                        main.serverMicrosPerDelivery() / floor.writeMicros(),
                        main.generatorMicrosPerDelivery() / floor.readMicros()));
        return report;
    }

    /**
     * What one small write and its read cost this machine now, on as many sockets as the main run
     * has clients (at most {@link #FLOOR_SOCKETS}: each is two descriptors in this process).
     */
    private static SocketWriteFloor.Floor floor(
            int clients, int rate, int topics, List<Trade> trades, PrintWriter progress)
            throws IOException, InterruptedException {
        int sockets = Math.min(Math.min(clients, FLOOR_SOCKETS), fileDescriptorRoom() / 2);
        int frameBytes = ServerFrames.message(update(0, trades.getFirst(), MicroClock.nowMicros()))
                .size();
        progress.printf(
                "websocket bench: floor, one %d-byte write to each of %,d sockets at %d/s each%n",
                frameBytes, sockets, rate);
        progress.flush();
        return SocketWriteFloor.measure(sockets, frameBytes + 2, rate, topics, FLOOR_SECONDS); // + the frame's header
    }

    private static void put(BenchReport report, String label, Outcome o) {
        Histogram h = o.latency();
        report.put(
                label + ": clients requested, connected, failed",
                o.requested() + ", " + o.connected() + ", " + o.failed());
        if (!o.note().isEmpty()) {
            report.put(label + ": note", o.note());
        }
        report.put(label + ": messages published (measured window)", o.published());
        report.put(label + ": deliveries expected, received", o.expected() + ", " + o.received());
        report.put(label + ": delivered / expected", o.expected() == 0 ? 0.0 : (double) o.received() / o.expected());
        report.put(label + ": deliveries/s", (double) o.received() / o.seconds());
        report.put(
                label + ": server frames encoded, messages written (whole run)",
                o.framesEncoded() + ", " + o.serverMessagesSent());
        report.put(
                label + ": dropped (server), reported to clients, slow disconnects",
                o.serverDropped() + ", " + o.droppedReported() + ", " + o.slowDisconnects());
        report.put(
                label + ": latency p50 / p90 (ms)",
                ms(h.getValueAtPercentile(50)) + " / " + ms(h.getValueAtPercentile(90)));
        report.put(label + ": latency p99 (ms) (aim < 100)", ms(h.getValueAtPercentile(99)));
        report.put(
                label + ": latency p99.9 / max (ms)", ms(h.getValueAtPercentile(99.9)) + " / " + ms(h.getMaxValue()));
        report.put(
                label + ": server CPU (cores), generator CPU (cores)",
                String.format("%.2f, %.2f", o.serverCpuCores(), o.generatorCpuCores()));
        report.put(
                label + ": CPU per delivery, server / generator (us, until the last arrival)",
                String.format("%.1f / %.1f", o.serverMicrosPerDelivery(), o.generatorMicrosPerDelivery()));
        report.put(
                label + ": message frames per socket write, server (whole run)",
                String.format("%.2f", (double) o.serverMessagesSent() / Math.max(1, o.serverMessageWrites())));
        report.put(
                label + ": server heap used max / live after GC (MiB)",
                mib(o.heapUsedMaxBytes()) + " / " + mib(o.heapLiveAfterGcBytes()));
        report.put(label + ": server RSS / peak RSS (MiB)", mib(o.rssBytes()) + " / " + mib(o.rssPeakBytes()));
    }

    private static Outcome scenario(
            int requested, int rate, int seconds, int topics, List<Trade> trades, PrintWriter progress)
            throws Exception {
        int clients = requested;
        String note = "";
        int fdRoom = fileDescriptorRoom();
        if (clients > fdRoom) {
            note = "this process may open " + fdRoom + " more sockets (ulimit -n " + maxFileDescriptors()
                    + ", the hard limit of this machine), so " + fdRoom + " of the " + requested + " clients ran";
            clients = fdRoom;
        }
        progress.printf(
                "websocket bench: %,d clients, %d updates/s each, %d instruments, %d s (+%d s warm-up)%n",
                clients, rate, topics, seconds, WARM_UP.toSeconds());
        progress.flush();
        // the engine's bounds sized for the load: every client from 8 loopback addresses per generator,
        // and none of them sends a frame after subscribing
        NautilusConfig config = new ConfigLoader(Map.of(
                        "NAUTILUS_WEBSOCKET_MAX_CLIENTS", String.valueOf(clients + 1_000),
                        "NAUTILUS_WEBSOCKET_MAX_CLIENTS_PER_ADDRESS", String.valueOf(clients + 1_000),
                        "NAUTILUS_WEBSOCKET_IDLE_TIMEOUT_MS", "86400000"))
                .load();
        try (Platform platform = Platform.start(config, "websocket-bench")) {
            int port = platform.startEngines(List.of(EngineMatrix.WEBSOCKET), Map.of(EngineMatrix.WEBSOCKET, 0), "1")
                    .getFirst()
                    .port();
            WebSocketEngine engine =
                    (WebSocketEngine) platform.engines().getFirst().engine();
            List<Generator> generators = new ArrayList<>();
            try {
                for (int first = 0, index = 0; first < clients; first += CLIENTS_PER_GENERATOR, index++) {
                    generators.add(Generator.start(
                            port,
                            platform.http().tokens().read(),
                            first,
                            Math.min(CLIENTS_PER_GENERATOR, clients - first),
                            topics,
                            index));
                }
                int connected = 0;
                for (Generator generator : generators) {
                    connected += generator.awaitReady();
                }
                progress.printf(
                        "  %,d clients connected and subscribed (%,d on the server)%n",
                        connected, engine.clientCount());
                progress.flush();
                long[] subscribers = new long[topics];
                for (int k = 0; k < topics; k++) {
                    subscribers[k] = engine.subscriberCount(PREFIX + k);
                }
                long startWall = MicroClock.nowMicros() + 200_000;
                long windowStart = startWall + WARM_UP.toNanos() / 1_000;
                long windowEnd = windowStart + seconds * 1_000_000L;
                generators.forEach(g -> g.command("OPEN " + windowStart + " " + windowEnd));

                long heapMax = 0;
                AtomicLong published = new AtomicLong();
                AtomicLong expected = new AtomicLong();
                CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publish(
                        platform,
                        trades,
                        rate,
                        topics,
                        startWall,
                        windowStart,
                        windowEnd,
                        subscribers,
                        published,
                        expected));
                Thread.sleep(Math.max(0, (windowStart - MicroClock.nowMicros()) / 1_000));
                long wallAtOpen = System.nanoTime();
                long cpuAtOpen = cpuNanos();
                long sentAtOpen = engine.counters().messagesSent();
                while (!publishing.isDone()) {
                    heapMax = Math.max(
                            heapMax,
                            ManagementFactory.getMemoryMXBean()
                                    .getHeapMemoryUsage()
                                    .getUsed());
                    Thread.sleep(250);
                }
                publishing.join();
                double serverCores = (double) (cpuNanos() - cpuAtOpen) / (System.nanoTime() - wallAtOpen);
                long rss = procStatus("VmRSS");
                // late messages still count (their latency shows it): wait until all arrived, or 20 s
                List<JsonNode> results = new ArrayList<>();
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                long arrived = -1;
                while (arrived < expected.get() && System.nanoTime() < waitUntil) {
                    Thread.sleep(1_000);
                    results.clear();
                    for (Generator generator : generators) {
                        results.add(generator.report());
                    }
                    arrived = results.stream()
                            .mapToLong(r -> r.get("received").asLong())
                            .sum();
                }
                // per delivery over the same stretch as the generators': until the last arrival, the
                // backlog's draining included, against what the server wrote meanwhile
                double serverMicrosPerDelivery = (cpuNanos() - cpuAtOpen)
                        / 1e3
                        / Math.max(1, engine.counters().messagesSent() - sentAtOpen);
                System.gc();
                long live =
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                GeneratorTotals seen = GeneratorTotals.of(results);
                return new Outcome(
                        seconds,
                        requested,
                        connected,
                        seen.failed() + (requested - clients),
                        published.get(),
                        expected.get(),
                        seen.received(),
                        seen.droppedReported(),
                        engine.counters().dropped(),
                        engine.counters().slowDisconnects(),
                        engine.counters().framesEncoded(),
                        engine.counters().messagesSent(),
                        // one socket write per message frame: the fan-out writes each frame on its own
                        engine.counters().messagesSent(),
                        seen.latency(),
                        serverCores,
                        serverMicrosPerDelivery,
                        seen.cpuSeconds() / seen.wallSeconds(),
                        seen.cpuSeconds() * 1e6 / Math.max(1, seen.deliveries()),
                        heapMax,
                        live,
                        rss,
                        procStatus("VmHWM"),
                        note);
            } finally {
                generators.forEach(Generator::close);
            }
        }
    }

    /** Publishes {@code rate} updates per second on each of {@code topics} instruments, spread evenly, until {@code windowEnd}. */
    private static void publish(
            Platform platform,
            List<Trade> trades,
            int rate,
            int topics,
            long startWall,
            long windowStart,
            long windowEnd,
            long[] subscribers,
            AtomicLong published,
            AtomicLong expected) {
        int perSecond = rate * topics;
        long count = (windowEnd - startWall) * perSecond / 1_000_000L;
        long startNanos = System.nanoTime() + (startWall - MicroClock.nowMicros()) * 1_000;
        try {
            FixedRate.run(count, perSecond, Math.max(0, startNanos - System.nanoTime()), (i, intendedNanos) -> {
                int k = (int) (i % topics);
                long intendedWall = startWall + (intendedNanos - startNanos) / 1_000;
                Trade trade = trades.get((int) (i % trades.size()));
                platform.bus().publish(update(k, trade, intendedWall));
                if (intendedWall >= windowStart && intendedWall < windowEnd) {
                    published.incrementAndGet();
                    expected.addAndGet(subscribers[k]);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed: " + e.getMessage(), e);
        }
    }

    /** The price update the bench publishes on instrument {@code k}. */
    private static Message update(int k, Trade trade, long wallMicros) {
        return Message.builder(MessageType.PRICE_UPDATE, PREFIX + k)
                .source(EngineMatrix.MARKETDATA)
                .timestampMicros(wallMicros)
                .payload(new PriceUpdate("X" + k, wallMicros, trade.price()))
                .build();
    }

    /** What the load generators saw, summed over their RESULT lines. */
    private record GeneratorTotals(
            Histogram latency,
            long received,
            long droppedReported,
            int failed,
            double cpuSeconds,
            double wallSeconds,
            long deliveries) {

        static GeneratorTotals of(List<JsonNode> results) throws java.util.zip.DataFormatException {
            Histogram latency = new Histogram(60_000_000L, 3);
            long received = 0;
            long droppedReported = 0;
            int failed = 0;
            double cpu = 0;
            double wall = 0;
            long deliveries = 0;
            for (JsonNode result : results) {
                latency.add(Histogram.decodeFromCompressedByteBuffer(
                        ByteBuffer.wrap(Base64.getDecoder()
                                .decode(result.get("histogram").asText())),
                        0));
                received += result.get("received").asLong();
                droppedReported += result.get("droppedReported").asLong();
                failed += result.get("failed").asInt();
                cpu += result.get("cpuSeconds").asDouble();
                wall = Math.max(wall, result.get("wallSeconds").asDouble());
                deliveries += result.get("receivedTotal").asLong();
            }
            return new GeneratorTotals(latency, received, droppedReported, failed, cpu, wall, deliveries);
        }
    }

    /** One load-generator process. */
    private record Generator(Process process, BufferedReader out, PrintWriter in) implements AutoCloseable {

        static Generator start(int port, String token, int first, int clients, int topics, int index)
                throws IOException {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = List.of(
                    java,
                    "-Xmx1g",
                    "-XX:+UseParallelGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    WebSocketLoadGenerator.class.getName(),
                    "--url",
                    "ws://127.0.0.1:" + port + "/ws",
                    "--clients",
                    String.valueOf(clients),
                    "--first",
                    String.valueOf(first),
                    "--topics",
                    String.valueOf(topics),
                    "--prefix",
                    PREFIX,
                    "--threads",
                    String.valueOf(GENERATOR_THREADS),
                    "--source-base",
                    String.valueOf(2 + index * 8),
                    "--source-hosts",
                    "8");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put(WebSocketLoadGenerator.TOKEN_VARIABLE, token);
            Process process = builder.start();
            return new Generator(
                    process,
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
                    new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8));
        }

        int awaitReady() throws IOException {
            String line = expect("READY");
            return Integer.parseInt(line.split(" ")[1]);
        }

        void command(String text) {
            in.println(text);
        }

        JsonNode report() throws IOException {
            command("REPORT");
            return Json.parse(expect("RESULT").substring("RESULT ".length()));
        }

        private String expect(String prefix) throws IOException {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new IOException("load generator ended without " + prefix + " (exit " + waitExit() + ")");
        }

        private int waitExit() {
            try {
                return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public void close() {
            command("STOP");
            if (waitExit() == -1) {
                process.destroy();
            }
        }
    }

    /** Sockets this process may still open, keeping 300 descriptors for everything else. */
    private static int fileDescriptorRoom() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return (int) Math.max(0, unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - 300);
        }
        return Integer.MAX_VALUE;
    }

    private static long maxFileDescriptors() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount()
                : -1;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** A size field of /proc/self/status (e.g. VmRSS) in bytes, or -1 where there is none. */
    private static long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static String ms(long micros) {
        return String.format("%.1f", micros / 1000.0);
    }

    private static long mib(long bytes) {
        return bytes < 0 ? -1 : bytes / (1024 * 1024);
    }
}
