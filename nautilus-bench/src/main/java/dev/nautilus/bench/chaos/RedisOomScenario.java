package dev.nautilus.bench.chaos;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.BusBackpressureException;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.bus.redis.RedisTransport;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code redis-oom}: the MarketData Redis reaches {@code maxmemory} (12 MB) under
 * {@code noeviction} while a poison message fails its deliveries. Promise: publishers see
 * back-pressure (a refused publish, never a silent drop), the poison is handled once per allowed
 * delivery and not again while its dead letter is refused, and once memory is back every accepted
 * message is delivered once and the poison is dead-lettered once.
 */
final class RedisOomScenario implements ChaosScenario {

    private static final String PADDING = "x".repeat(400);
    private static final int MAX_DELIVERIES = 3;

    @Override
    public String name() {
        return "redis-oom";
    }

    @Override
    public String description() {
        return "maxmemory reached under noeviction: back-pressure, nothing silently lost, no re-handling loop";
    }

    @Override
    public ChaosResult run(ChaosOptions options) throws Exception {
        try (RedisServer md = RedisServer.start("--maxmemory", "12mb", "--maxmemory-policy", "noeviction");
                RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        RedisBusConfig.defaults(md.url(), "platform")
                                .withStreamMaxLen(10_000_000)
                                .withMaxBufferedWhileDown(2_000)
                                .withMaxDeliveries(MAX_DELIVERIES),
                        RedisBusConfig.defaults(el.url(), "platform"))) {
            Map<String, Integer> delivered = new ConcurrentHashMap<>();
            AtomicInteger poisonAttempts = new AtomicInteger();
            CountDownLatch full = new CountDownLatch(1);
            bus.subscribe(ChaosBus.spec("features", "features-1", MessageType.MARKET_DATA), m -> {
                if (m.topic().endsWith("poison")) {
                    // Holds the reader until Redis is full, then fails every time.
                    poisonAttempts.incrementAndGet();
                    full.await(60, TimeUnit.SECONDS);
                    throw new IllegalStateException("poisoned on purpose");
                }
                delivered.merge(m.id(), 1, Integer::sum);
            });
            bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.poison")
                    .source("chaos")
                    .payload(Map.of())
                    .build());
            GroupDestroyedScenario.require(
                    ChaosRig.await(Duration.ofSeconds(10), () -> poisonAttempts.get() == 1),
                    "the poison message was not delivered");

            List<String> accepted = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            String refusal = "";
            for (int i = 0; i < 1_000_000 && refused.isEmpty(); i++) {
                Message message = Message.builder(MessageType.MARKET_DATA, "market_data.trade.CHAOS")
                        .source("chaos")
                        .payload(Map.of("i", i, "padding", PADDING))
                        .build();
                try {
                    bus.publish(message);
                    accepted.add(message.id());
                } catch (BusBackpressureException e) {
                    refused.add(message.id());
                    refusal = e.getMessage();
                }
            }
            RedisTransport transport = (RedisTransport) bus.transport(Bus.MARKETDATA);
            String lastError = String.valueOf(transport.status().lastError());
            long rejectedCount = transport.status().rejected();

            // The poison fails its deliveries while Redis is full: its dead letter is refused (OOM).
            // Redis frees client buffers once the refused pipeline is done, which took it back under
            // maxmemory by the few bytes a dead letter needs in one CI run: the limit goes 4 MB under
            // what Redis uses now, so it stays full while the poison fails (nothing is evicted).
            long heldAt = Math.max(1 << 20, usedMemory(md) - (4 << 20));
            md.redis().configSet("maxmemory", Long.toString(heldAt));
            full.countDown();
            Thread.sleep(4_000);
            int attemptsWhileFull = poisonAttempts.get();
            long deadWhileFull = md.redis().exists("nautilus:marketdata:dead");

            md.redis().configSet("maxmemory", "0");
            long freedAt = System.nanoTime();
            long recoveryMs = ChaosRig.await(Duration.ofSeconds(60), () -> delivered.size() == accepted.size());
            if (recoveryMs >= 0) {
                recoveryMs = (System.nanoTime() - freedAt) / 1_000_000;
            }
            boolean written = transport.awaitPublished(Duration.ofSeconds(30));
            long deadLettered =
                    ChaosRig.await(Duration.ofSeconds(20), () -> md.redis().xlen("nautilus:marketdata:dead") == 1) >= 0
                            ? 1
                            : 0;
            Thread.sleep(1_000);
            long redelivered = delivered.values().stream().mapToLong(n -> n - 1).sum();
            long lost =
                    accepted.stream().filter(id -> !delivered.containsKey(id)).count();
            long refusedDelivered =
                    refused.stream().filter(delivered::containsKey).count();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("maxmemory", "12mb noeviction");
            figures.put("maxmemory_while_poisoned", heldAt);
            figures.put("accepted", accepted.size());
            figures.put("refused_with_back_pressure", refused.size());
            figures.put("refusal_names_oom", refusal.contains("OOM"));
            figures.put("status_rejected", rejectedCount);
            figures.put("status_last_error_names_oom", lastError.contains("OOM"));
            figures.put("poison_attempts_while_full", attemptsWhileFull);
            figures.put("poison_attempts_total", poisonAttempts.get());
            figures.put("max_deliveries", MAX_DELIVERIES);
            figures.put("dead_letters_while_full", deadWhileFull);
            figures.put("dead_lettered_after", deadLettered);
            figures.put("redelivered", redelivered);
            boolean passed = refused.size() == 1
                    && refusal.contains("OOM")
                    && lastError.contains("OOM")
                    && rejectedCount == 1
                    && attemptsWhileFull == MAX_DELIVERIES
                    && poisonAttempts.get() == MAX_DELIVERIES
                    && deadWhileFull == 0
                    && deadLettered == 1
                    && written
                    && lost == 0
                    && refusedDelivered == 0
                    && redelivered == 0
                    && recoveryMs >= 0;
            return new ChaosResult(
                    name(),
                    options.shortForm(),
                    accepted.size() + refused.size(),
                    delivered.size(),
                    lost,
                    redelivered,
                    recoveryMs,
                    passed,
                    figures);
        }
    }

    /** Redis's {@code used_memory}, from {@code INFO memory}. */
    private static long usedMemory(RedisServer redis) {
        return redis.redis()
                .info("memory")
                .lines()
                .filter(line -> line.startsWith("used_memory:"))
                .mapToLong(line ->
                        Long.parseLong(line.substring("used_memory:".length()).strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("INFO memory without used_memory"));
    }
}
