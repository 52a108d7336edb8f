package dev.nautilus.bus.redis.monitor;

import static dev.nautilus.bus.redis.monitor.MonitorFixture.ENGINE_LOGIC_DEAD;
import static dev.nautilus.bus.redis.monitor.MonitorFixture.MARKETDATA_DEAD;
import static dev.nautilus.bus.redis.monitor.MonitorFixture.PRICE_STREAM;
import static dev.nautilus.bus.redis.monitor.MonitorFixture.RISK_STREAM;
import static dev.nautilus.bus.redis.monitor.MonitorFixture.URGENT_LANE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Bus;
import dev.nautilus.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The monitor against real redis-server processes the test starts. */
class BusMonitorTest {

    private RedisServer redis;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopRedis() {
        redis.close();
    }

    private BusMonitor monitorOf(MonitorTarget... targets) {
        return new BusMonitor(List.of(targets), Duration.ofSeconds(2));
    }

    @Test
    void reportsStreamLengthsAndGroupLagAndPendingExactly() {
        MonitorFixture.write(redis);

        try (BusMonitor monitor = monitorOf(MonitorTarget.forBus(Bus.ENGINE_LOGIC, redis.url(), "nautilus"))) {
            RedisSnapshot snapshot =
                    monitor.snapshot().target("Engine Logic bus").orElseThrow();

            assertThat(snapshot.reachable()).isTrue();
            assertThat(snapshot.error()).isEmpty();
            assertThat(snapshot.warnings()).isEmpty();
            assertThat(snapshot.redisVersion()).isPresent();
            assertThat(snapshot.streams())
                    .extracting(StreamInfo::key)
                    .containsExactly(
                            ENGINE_LOGIC_DEAD,
                            RISK_STREAM,
                            URGENT_LANE,
                            MARKETDATA_DEAD,
                            PRICE_STREAM); // sorted by key

            StreamInfo risk = snapshot.stream(RISK_STREAM).orElseThrow();
            assertThat(risk.length()).isEqualTo(MonitorFixture.RISK_ENTRIES);
            assertThat(risk.deadLetter()).isFalse();
            assertThat(risk.groups()).extracting(GroupInfo::name).containsExactlyInAnyOrder("risk", "portfolio");
            GroupInfo riskGroup = risk.groups().stream()
                    .filter(g -> g.name().equals("risk"))
                    .findFirst()
                    .orElseThrow();
            assertThat(riskGroup.pending()).isEqualTo(MonitorFixture.RISK_PENDING);
            assertThat(riskGroup.consumers()).isEqualTo(1);
            assertThat(riskGroup.lastDeliveredId()).isEqualTo(MonitorFixture.RISK_READ + "-0");
            assertThat(riskGroup.lag()).hasValue(MonitorFixture.RISK_ENTRIES - MonitorFixture.RISK_READ);
            assertThat(riskGroup.entriesRead()).hasValue(MonitorFixture.RISK_READ);
            GroupInfo portfolio = risk.groups().stream()
                    .filter(g -> g.name().equals("portfolio"))
                    .findFirst()
                    .orElseThrow();
            assertThat(portfolio.pending()).isZero();
            assertThat(portfolio.consumers()).isZero();
            assertThat(portfolio.lag()).hasValue(MonitorFixture.RISK_ENTRIES);

            assertThat(snapshot.stream(URGENT_LANE).orElseThrow().length()).isEqualTo(2);
            assertThat(snapshot.stream(URGENT_LANE).orElseThrow().groups()).isEmpty();
            StreamInfo price = snapshot.stream(PRICE_STREAM).orElseThrow();
            assertThat(price.length()).isZero();
            assertThat(price.groups())
                    .singleElement()
                    .satisfies(g -> assertThat(g.lag()).hasValue(0));
            assertThat(snapshot.stream(ENGINE_LOGIC_DEAD).orElseThrow().deadLetter())
                    .isTrue();
            assertThat(snapshot.deadLetters()).isEqualTo(4);

            assertThat(snapshot.memory().usedMemory()).isPresent();
            assertThat(snapshot.memory().maxMemoryPolicy()).contains("noeviction");
        }
    }

    @Test
    void groupsConnectionsByTheEngineInTheirName() {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> riskReader = client.connect();
                StatefulRedisConnection<String, String> anonymous = client.connect();
                BusMonitor monitor = monitorOf(MonitorTarget.forBus(Bus.ENGINE_LOGIC, redis.url(), "nautilus"))) {
            riskReader.sync().clientSetname("nautilus:risk:engine_logic:reader");
            anonymous.sync().ping();

            RedisSnapshot snapshot = monitor.snapshot().redis().get(0);

            assertThat(snapshot.clientsByEngine())
                    .containsEntry("risk", 1)
                    .containsEntry("monitor", 1) // the monitor's own nautilus:monitor:engine_logic:monitor
                    .containsEntry("unnamed", 1);
            assertThat(snapshot.connectedClients()).hasValue(3);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void countsEveryFailedXreadgroupAndAddsNoFailuresOfItsOwn() {
        redis.command("XGROUP", "CREATE", RISK_STREAM, "risk", "$", "MKSTREAM");
        int provoked = 7;
        for (int i = 0; i < provoked; i++) {
            String reply = redis.command("XREADGROUP", "GROUP", "no-such-group", "c", "STREAMS", RISK_STREAM, ">");
            assertThat(reply).startsWith("-NOGROUP");
        }
        redis.command("XREADGROUP", "GROUP", "risk", "c", "STREAMS", RISK_STREAM, ">"); // succeeds, empty

        try (BusMonitor monitor = monitorOf(MonitorTarget.forBus(Bus.ENGINE_LOGIC, redis.url(), "nautilus"))) {
            monitor.snapshot();
            RedisSnapshot snapshot = monitor.snapshot().redis().get(0);

            CommandStats xreadgroup = snapshot.command("xreadgroup").orElseThrow();
            assertThat(xreadgroup.failedCalls()).hasValue(provoked);
            assertThat(xreadgroup.calls()).isEqualTo(provoked + 1L);
            // Two samples (and a connection handshake) of the monitor itself must add no failed calls
            // and no error replies to the Redis it watches: every error here is one we provoked.
            assertThat(snapshot.errors()).containsExactly(entry("NOGROUP", (long) provoked));
            assertThat(snapshot.totalFailedCalls()).isEqualTo(provoked);
        }
    }

    @Test
    void cpuIsMeasuredOverTheIntervalFromTheSecondSample() {
        try (BusMonitor monitor = monitorOf(MonitorTarget.forBus(Bus.MARKETDATA, redis.url(), "nautilus"))) {
            CpuUsage first = monitor.snapshot().redis().get(0).cpu();
            assertThat(first.basis()).isIn(CpuUsage.Basis.SINCE_START, CpuUsage.Basis.UNAVAILABLE);
            for (int i = 0; i < 200; i++) {
                redis.command("XADD", "nautilus:marketdata:price_update", "*", "n", String.valueOf(i));
            }

            CpuUsage second = monitor.snapshot().redis().get(0).cpu();

            assertThat(second.basis()).isEqualTo(CpuUsage.Basis.INTERVAL);
            assertThat(second.percent()).isPresent();
            assertThat(second.percent().getAsDouble())
                    .isGreaterThanOrEqualTo(0.0)
                    .isFinite();
            assertThat(second.window()).isPositive();
        }
    }

    @Test
    void aRedisThatIsDownIsReportedUnreachableAndTheOthersStillAnswer() {
        int nothingListens = RedisServer.unusedPort();
        MonitorTarget down = MonitorTarget.mainRedis("redis://127.0.0.1:" + nothingListens, "nautilus");
        MonitorTarget up = MonitorTarget.forBus(Bus.ENGINE_LOGIC, redis.url(), "nautilus");

        try (BusMonitor monitor = monitorOf(down, up)) {
            MonitorSnapshot snapshot = monitor.snapshot();

            RedisSnapshot main = snapshot.target("main Redis").orElseThrow();
            assertThat(main.reachable()).isFalse();
            assertThat(main.error())
                    .hasValueSatisfying(error -> assertThat(error).isNotBlank());
            assertThat(main.streams()).isEmpty();
            assertThat(main.cpu().percent()).isEmpty();
            assertThat(snapshot.target("Engine Logic bus").orElseThrow().reachable())
                    .isTrue();
        }
    }

    @Test
    void aRedisThatGoesDownAndComesBackIsSampledAgain() {
        MonitorTarget target = MonitorTarget.forBus(Bus.ENGINE_LOGIC, redis.url(), "nautilus");
        try (BusMonitor monitor = monitorOf(target)) {
            assertThat(monitor.snapshot().redis().get(0).reachable()).isTrue();
            int port = redis.port();
            redis.close();

            assertThat(monitor.snapshot().redis().get(0).reachable()).isFalse();

            redis = RedisServer.startOnPort(port);
            assertThat(monitor.snapshot().redis().get(0).reachable()).isTrue();
        }
    }

    @Test
    void aRedisThatStopsAnsweringIsReportedUnreachableWithinTheTimeout() throws Exception {
        try (RedisServer frozen = RedisServer.start("--enable-debug-command", "yes");
                BusMonitor monitor = new BusMonitor(
                        List.of(
                                MonitorTarget.mainRedis(frozen.url(), "nautilus"),
                                MonitorTarget.forBus(Bus.ENGINE_LOGIC, redis.url(), "nautilus")),
                        Duration.ofMillis(300))) {
            assertThat(monitor.snapshot().redis().get(0).reachable()).isTrue();
            // DEBUG SLEEP blocks Redis's one command thread: it accepts connections but answers nothing.
            CompletableFuture<String> sleeping =
                    CompletableFuture.supplyAsync(() -> frozen.command("DEBUG", "SLEEP", "2"));
            await().atMost(Duration.ofSeconds(2)).until(() -> frozen.commandTimesOut());

            long start = System.nanoTime();
            MonitorSnapshot snapshot = monitor.snapshot();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(snapshot.redis().get(0).reachable()).isFalse();
            assertThat(snapshot.redis().get(0).error())
                    .hasValueSatisfying(e -> assertThat(e).containsIgnoringCase("timed out"));
            assertThat(snapshot.redis().get(1).reachable()).isTrue();
            assertThat(took).isLessThan(Duration.ofSeconds(2));
            sleeping.get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> monitor.snapshot().redis().get(0).reachable());
        }
    }

    @Test
    void streamsAreRediscoveredOnTheRescanIntervalAndReadOnEverySample() {
        redis.command("XADD", RISK_STREAM, "*", "a", "1");
        MonitorTarget target = MonitorTarget.forBus(Bus.ENGINE_LOGIC, redis.url(), "nautilus");
        try (BusMonitor monitor = new BusMonitor(List.of(target), Duration.ofSeconds(2), Duration.ofMillis(500))) {
            assertThat(monitor.snapshot().redis().get(0).streams())
                    .extracting(StreamInfo::key)
                    .containsExactly(RISK_STREAM);
            long scannedAt = System.nanoTime();
            redis.command("XADD", RISK_STREAM, "*", "a", "2");
            redis.command("XADD", URGENT_LANE, "*", "a", "1");

            RedisSnapshot soon = monitor.snapshot().redis().get(0);
            if (Duration.ofNanos(System.nanoTime() - scannedAt).toMillis() < 400) {
                // Known streams are read every sample; the new one waits for the next SCAN.
                assertThat(soon.stream(RISK_STREAM).orElseThrow().length()).isEqualTo(2);
                assertThat(soon.stream(URGENT_LANE)).isEmpty();
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> monitor.snapshot().redis().get(0).stream(URGENT_LANE)
                            .isPresent());

            redis.command("DEL", RISK_STREAM);
            assertThat(monitor.snapshot().redis().get(0).streams())
                    .extracting(StreamInfo::key)
                    .containsExactly(URGENT_LANE);
        }
    }

    @Test
    void rejectsWhatCannotBeMonitored() {
        assertThatThrownBy(() -> new BusMonitor(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one Redis");
        MonitorTarget a = MonitorTarget.forBus(Bus.ENGINE_LOGIC, redis.url(), "nautilus");
        assertThatThrownBy(() -> new BusMonitor(List.of(a, a))).hasMessageContaining("Engine Logic bus");
        assertThatThrownBy(() -> MonitorTarget.mainRedis("http://localhost", "nautilus"))
                .hasMessageContaining("redis://");
        assertThat(MonitorTarget.mainRedis("redis://user:secret@localhost:6379", "nautilus")
                        .toString())
                .doesNotContain("secret")
                .contains("user:***@");
        BusMonitor closed = monitorOf(a);
        closed.close();
        assertThatThrownBy(closed::snapshot)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
