package dev.nautilus.app.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.redis.monitor.BusMonitor;
import dev.nautilus.bus.redis.monitor.MonitorTarget;
import dev.nautilus.testkit.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LiveMonitorTest {

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void redrawsEveryIntervalAndStopsAtOnceRestoringTheCursor() throws Exception {
        try (RedisServer redis = RedisServer.start();
                BusMonitor monitor =
                        new BusMonitor(List.of(MonitorTarget.forBus(Bus.ENGINE_LOGIC, redis.url(), "nautilus")))) {
            StringWriter screen = new StringWriter();
            PrintWriter out = new PrintWriter(screen);
            LiveMonitor live = new LiveMonitor(monitor, new MonitorTable(true), out, Duration.ofMillis(100));
            CompletableFuture<Integer> frames = CompletableFuture.supplyAsync(live::run);

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                synchronized (screen.getBuffer()) {
                    return count(screen.toString(), Ansi.CLEAR_SCREEN) >= 3;
                }
            });
            // The later frames measure CPU over the interval, not since start.
            await().atMost(Duration.ofSeconds(5)).until(() -> screen.toString().contains("over the last"));
            long stopAt = System.nanoTime();
            live.stop();

            assertThat(live.awaitFinished(Duration.ofSeconds(2))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - stopAt)).isLessThan(Duration.ofSeconds(2));
            assertThat(frames.get()).isGreaterThanOrEqualTo(3);
            String text = screen.toString();
            assertThat(text).startsWith(Ansi.HIDE_CURSOR).endsWith(Ansi.RESET + Ansi.SHOW_CURSOR);
            assertThat(text).contains("every 0.1 s", "Ctrl-C to stop", "== Engine Logic bus");
        }
    }

    @Test
    void closingTheMonitorUnderItEndsTheLoop() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            BusMonitor monitor =
                    new BusMonitor(List.of(MonitorTarget.forBus(Bus.ENGINE_LOGIC, redis.url(), "nautilus")));
            LiveMonitor live = new LiveMonitor(
                    monitor, new MonitorTable(false), new PrintWriter(new StringWriter()), Duration.ofMillis(50));
            CompletableFuture<Integer> frames = CompletableFuture.supplyAsync(live::run);

            // What the Ctrl-C hook does.
            live.stop();
            monitor.close();

            assertThat(live.awaitFinished(Duration.ofSeconds(5))).isTrue();
            assertThat(frames.get()).isGreaterThanOrEqualTo(0);
        }
    }
}
