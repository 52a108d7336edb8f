package dev.nautilus.bus.redis.monitor;

import static dev.nautilus.bus.redis.monitor.MonitorFixture.RISK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Bus;
import dev.nautilus.testkit.RedisServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BusMonitorMetricsTest {

    private RedisServer redis;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void stop() {
        redis.close();
        registry.close();
    }

    private double gauge(String name, String... tags) {
        Gauge gauge = registry.find(name).tags(tags).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private double counter(String name, String... tags) {
        FunctionCounter counter = registry.find(name).tags(tags).functionCounter();
        return counter == null ? Double.NaN : counter.count();
    }

    @Test
    void publishesTheLatestSnapshotAsTaggedMeters() {
        MonitorFixture.write(redis);
        redis.command("XREADGROUP", "GROUP", "nope", "c", "STREAMS", RISK_STREAM, ">");
        redis.command("XREADGROUP", "GROUP", "nope", "c", "STREAMS", RISK_STREAM, ">");
        int down = RedisServer.unusedPort();
        List<MonitorTarget> targets = List.of(
                MonitorTarget.forBus(Bus.ENGINE_LOGIC, redis.url(), "nautilus"),
                MonitorTarget.mainRedis("redis://127.0.0.1:" + down, "nautilus"));

        try (BusMonitor monitor = new BusMonitor(targets, Duration.ofSeconds(1));
                BusMonitorMetrics metrics = new BusMonitorMetrics(monitor, registry, Duration.ofMillis(100))) {
            // The CPU gauge appears once a sample is measured over an interval, i.e. from the second sample on.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> metrics.latest().isPresent()
                            && metrics.latest().get().redis().get(0).cpu().basis() == CpuUsage.Basis.INTERVAL);

            String[] bus = {"bus", "engine_logic"};
            assertThat(gauge("nautilus.bus.redis.up", bus)).isEqualTo(1.0);
            assertThat(gauge("nautilus.bus.redis.up", "bus", "main")).isEqualTo(0.0);
            assertThat(gauge("nautilus.bus.redis.cpu", bus)).isGreaterThanOrEqualTo(0.0);
            // Prometheus names carry the base unit: nautilus_bus_redis_cpu_ratio (a fraction, not percent),
            // nautilus_bus_redis_memory_used_bytes; every meter has HELP
            assertThat(registry.get("nautilus.bus.redis.cpu").gauge().getId().getBaseUnit())
                    .isEqualTo("ratio");
            assertThat(registry.get("nautilus.bus.redis.memory.used")
                            .gauge()
                            .getId()
                            .getBaseUnit())
                    .isEqualTo("bytes");
            assertThat(registry.getMeters())
                    .allSatisfy(m -> assertThat(m.getId().getDescription())
                            .as(m.getId().getName())
                            .isNotBlank());
            assertThat(gauge("nautilus.bus.redis.clients", "bus", "engine_logic", "engine", "monitor"))
                    .isEqualTo(1.0);
            assertThat(counter("nautilus.bus.redis.command.failed", "bus", "engine_logic", "command", "xreadgroup"))
                    .isEqualTo(2.0);
            assertThat(counter("nautilus.bus.redis.command.calls", "bus", "engine_logic", "command", "xreadgroup"))
                    .isEqualTo(3.0);
            assertThat(gauge("nautilus.bus.stream.length", "bus", "engine_logic", "stream", RISK_STREAM))
                    .isEqualTo(MonitorFixture.RISK_ENTRIES);
            assertThat(gauge("nautilus.bus.group.lag", "bus", "engine_logic", "stream", RISK_STREAM, "group", "risk"))
                    .isEqualTo(MonitorFixture.RISK_ENTRIES - MonitorFixture.RISK_READ);
            assertThat(gauge(
                            "nautilus.bus.group.pending",
                            "bus",
                            "engine_logic",
                            "stream",
                            RISK_STREAM,
                            "group",
                            "risk"))
                    .isEqualTo(MonitorFixture.RISK_PENDING);
            assertThat(gauge("nautilus.bus.dead_letters", bus)).isEqualTo(4.0);
            assertThat(registry.find("nautilus.bus.stream.length")
                            .tag("bus", "main")
                            .gauges())
                    .isEmpty();

            // Figures follow Redis: new entries show, and a deleted stream's meters go away.
            redis.command("XADD", RISK_STREAM, "*", "a", "1");
            redis.command("DEL", MonitorFixture.URGENT_LANE);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(gauge("nautilus.bus.stream.length", "bus", "engine_logic", "stream", RISK_STREAM))
                        .isEqualTo(MonitorFixture.RISK_ENTRIES + 1);
                assertThat(registry.find("nautilus.bus.stream.length")
                                .tag("stream", MonitorFixture.URGENT_LANE)
                                .gauge())
                        .isNull();
            });

            metrics.close();
            assertThat(registry.find("nautilus.bus.stream.length").gauges()).isEmpty();
            assertThat(registry.getMeters()).isEmpty();
        }
    }

    @Test
    void aRedisThatGoesDownReadsNaNAndZeroUp() {
        try (BusMonitor monitor = new BusMonitor(
                        List.of(MonitorTarget.forBus(Bus.MARKETDATA, redis.url(), "nautilus")), Duration.ofSeconds(1));
                BusMonitorMetrics metrics = new BusMonitorMetrics(monitor, registry, Duration.ofMillis(100))) {
            redis.command("XADD", "nautilus:marketdata:price_update", "*", "a", "1");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> gauge(
                                    "nautilus.bus.stream.length",
                                    "bus",
                                    "marketdata",
                                    "stream",
                                    "nautilus:marketdata:price_update")
                            == 1.0);

            redis.close();

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> gauge("nautilus.bus.redis.up", "bus", "marketdata") == 0.0);
            assertThat(gauge(
                            "nautilus.bus.stream.length",
                            "bus",
                            "marketdata",
                            "stream",
                            "nautilus:marketdata:price_update"))
                    .isNaN();
            redis = RedisServer.start(); // for @AfterEach
        }
    }
}
