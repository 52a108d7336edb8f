package dev.nautilus.bench.chaos;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.bus.redis.RedisTransport;
import dev.nautilus.bus.redis.monitor.BusMonitor;
import dev.nautilus.bus.redis.monitor.BusMonitorMetrics;
import dev.nautilus.bus.redis.monitor.GroupInfo;
import dev.nautilus.bus.redis.monitor.MonitorTarget;
import dev.nautilus.testkit.RedisServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code slow-consumer}: a group's engine is stopped while 250,000 entries are published to a
 * stream capped at 100,000 ({@code MAXLEN ~}); it falls 150,000 behind. Promise: memory bounded by
 * the cap, and the monitor's "trimmed before delivery" count (also the
 * {@code nautilus.bus.group.trimmed_entries} meter) equals exactly what the group never gets,
 * counted by id once it is back.
 */
final class SlowConsumerScenario implements ChaosScenario {

    private static final String GROUP = "features";

    @Override
    public String name() {
        return "slow-consumer";
    }

    @Override
    public String description() {
        return "a group 150,000 behind a 100,000 cap: the trimmed count equals the loss exactly, memory bounded";
    }

    @Override
    public ChaosResult run(ChaosOptions options) throws Exception {
        int cap = options.shortForm() ? 10_000 : 100_000;
        int published = cap * 5 / 2;
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        ChaosBus.config(md.url(), "platform", ChaosRig.CLAIM_IDLE, ChaosRig.COMMAND_TIMEOUT)
                                .withStreamMaxLen(cap)
                                .withMaxBufferedWhileDown(published + 50_000),
                        ChaosBus.config(el.url(), "platform", ChaosRig.CLAIM_IDLE, ChaosRig.COMMAND_TIMEOUT));
                BusMonitor monitor = new BusMonitor(
                        List.of(MonitorTarget.forBus(Bus.MARKETDATA, md.url(), "nautilus")),
                        Duration.ofSeconds(5),
                        Duration.ZERO)) {
            String stream = ChaosBus.streamOf(bus, MessageType.MARKET_DATA);
            Map<String, Integer> delivered = new ConcurrentHashMap<>();
            // The group exists and its engine is stopped: what is published now waits for it, or is trimmed.
            Subscription stopped = bus.subscribe(
                    ChaosBus.spec(GROUP, "features-1", MessageType.MARKET_DATA),
                    m -> delivered.merge(m.id(), 1, Integer::sum));
            stopped.close();
            for (int i = 0; i < published; i++) {
                bus.publish(ChaosBus.input(i));
            }
            if (!((RedisTransport) bus.transport(Bus.MARKETDATA)).awaitPublished(Duration.ofSeconds(120))) {
                throw new IllegalStateException("publishes not written within 120 s");
            }
            long length = md.redis().xlen(stream);
            long memoryBytes = md.redis().memoryUsage(stream);
            OptionalLong trimmed = group(monitor, stream).trimmed();
            double meter = trimmedMeter(monitor, stream);

            // The engine comes back and reads what is left: what it never gets is exactly the count.
            long backAt = System.nanoTime();
            bus.subscribe(
                    ChaosBus.spec(GROUP, "features-1", MessageType.MARKET_DATA),
                    m -> delivered.merge(m.id(), 1, Integer::sum));
            long caughtUpMs = ChaosRig.await(Duration.ofSeconds(120), () -> delivered.size() == length);
            if (caughtUpMs >= 0) {
                caughtUpMs = (System.nanoTime() - backAt) / 1_000_000;
            }
            Thread.sleep(500);
            long lost = published - delivered.size();
            long redelivered = delivered.values().stream().mapToLong(n -> n - 1).sum();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("cap", cap);
            figures.put("stream_length", length);
            figures.put("stream_memory_bytes", memoryBytes);
            figures.put("trimmed_before_delivery", trimmed.isPresent() ? trimmed.getAsLong() : -1);
            figures.put("trimmed_meter", (long) meter);
            figures.put("lost_by_id", lost);
            figures.put("redelivered", redelivered);
            boolean bounded = length >= cap && length <= cap + 1_000L;
            figures.put("memory_bounded_by_cap", bounded);
            return new ChaosResult(
                    name(),
                    options.shortForm(),
                    published,
                    delivered.size(),
                    lost,
                    redelivered,
                    caughtUpMs,
                    bounded
                            && trimmed.isPresent()
                            && trimmed.getAsLong() == lost
                            && (long) meter == lost
                            && redelivered == 0
                            && caughtUpMs >= 0,
                    figures);
        }
    }

    private static GroupInfo group(BusMonitor monitor, String stream) {
        return monitor.snapshot().redis().get(0).stream(stream).orElseThrow().groups().stream()
                .filter(g -> g.name().equals(GROUP))
                .findFirst()
                .orElseThrow();
    }

    /** What {@code /metrics} would serve for the group, read through the monitor's meters. */
    private static double trimmedMeter(BusMonitor monitor, String stream) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (BusMonitorMetrics metrics = new BusMonitorMetrics(monitor, registry, Duration.ofMillis(200))) {
            GroupDestroyedScenario.require(
                    ChaosRig.await(Duration.ofSeconds(10), () -> gauge(registry, stream) != null),
                    "the trimmed-entries meter did not appear");
            return gauge(registry, stream).value();
        }
    }

    private static Gauge gauge(SimpleMeterRegistry registry, String stream) {
        return registry.find("nautilus.bus.group.trimmed_entries")
                .tags("stream", stream, "group", GROUP)
                .gauge();
    }
}
