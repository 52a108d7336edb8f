package dev.nautilus.bus.redis.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CpuUsageTest {

    private static RedisInfo info(String runId, String sys, String user, long serverMicros, long uptime) {
        return RedisInfo.parse("run_id:" + runId + "\r\nused_cpu_sys:" + sys + "\r\nused_cpu_user:" + user
                + "\r\nserver_time_usec:" + serverMicros + "\r\nuptime_in_seconds:" + uptime + "\r\n");
    }

    @Test
    void firstSampleIsTheAverageSinceTheProcessStartedAndSaysSo() {
        CpuUsage.Counter first = CpuUsage.Counter.from(info("a", "1.0", "3.0", 100_000_000, 40), 0);

        CpuUsage usage = first.since(null);

        assertThat(usage.basis()).isEqualTo(CpuUsage.Basis.SINCE_START);
        assertThat(usage.percent().getAsDouble()).isCloseTo(10.0, within(1e-9)); // 4 s of CPU in 40 s
        assertThat(usage.window()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void laterSamplesAreTheCpuDeltaOverTheServerClockDelta() {
        CpuUsage.Counter first = CpuUsage.Counter.from(info("a", "1.0", "3.0", 100_000_000, 40), 0);
        CpuUsage.Counter second = CpuUsage.Counter.from(info("a", "1.1", "3.15", 102_000_000, 42), 999_000_000_000L);

        CpuUsage usage = second.since(first);

        assertThat(usage.basis()).isEqualTo(CpuUsage.Basis.INTERVAL);
        assertThat(usage.percent().getAsDouble()).isCloseTo(12.5, within(1e-9)); // 0.25 s of CPU in 2 s
        assertThat(usage.window()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void withoutServerTimeTheLocalClockMeasuresTheInterval() {
        RedisInfo firstInfo = RedisInfo.parse("run_id:a\nused_cpu_sys:0\nused_cpu_user:1\nuptime_in_seconds:5\n");
        RedisInfo secondInfo = RedisInfo.parse("run_id:a\nused_cpu_sys:0\nused_cpu_user:1.5\nuptime_in_seconds:6\n");
        CpuUsage.Counter first = CpuUsage.Counter.from(firstInfo, 1_000_000_000L);
        CpuUsage.Counter second = CpuUsage.Counter.from(secondInfo, 2_000_000_000L);

        assertThat(second.since(first).percent().getAsDouble()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void aRestartedRedisFallsBackToSinceStart() {
        CpuUsage.Counter before = CpuUsage.Counter.from(info("a", "5", "5", 100_000_000, 400), 0);
        CpuUsage.Counter afterRestart = CpuUsage.Counter.from(info("b", "0.1", "0.1", 101_000_000, 2), 1);

        CpuUsage usage = afterRestart.since(before);

        assertThat(usage.basis()).isEqualTo(CpuUsage.Basis.SINCE_START);
        assertThat(usage.percent().getAsDouble()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void noCpuFieldsOrNoElapsedTimeIsUnavailableNotZero() {
        assertThat(CpuUsage.Counter.from(RedisInfo.parse("redis_version:7.0.0\n"), 0))
                .isNull();
        CpuUsage.Counter justStarted = CpuUsage.Counter.from(info("a", "0", "0.01", 100, 0), 0);
        assertThat(justStarted.since(null).basis()).isEqualTo(CpuUsage.Basis.UNAVAILABLE);
        assertThat(justStarted.since(null).percent()).isEmpty();
        CpuUsage.Counter same = CpuUsage.Counter.from(info("a", "0", "0.01", 100, 0), 0);
        assertThat(same.since(justStarted).basis()).isEqualTo(CpuUsage.Basis.UNAVAILABLE);
    }
}
