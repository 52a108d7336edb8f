package dev.nautilus.bus.redis.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RedisInfoTest {

    @Test
    void readsTheFieldsTheMonitorUsesFromARealInfoReply() {
        RedisInfo info = RedisInfo.parse(CapturedInfo.REDIS_7_0_INFO);

        assertThat(info.text("redis_version")).contains("7.0.15");
        assertThat(info.longValue("connected_clients")).hasValue(1);
        assertThat(info.longValue("server_time_usec")).hasValue(1795373875222933L);
        assertThat(info.doubleValue("used_cpu_user")).hasValue(0.004563);
        assertThat(info.doubleValue("used_cpu_sys")).hasValue(0.0);
        MemoryUsage memory = MemoryUsage.fromInfo(info);
        assertThat(memory.usedMemory()).hasValue(1020288);
        assertThat(memory.usedMemoryHuman()).contains("996.38K");
        assertThat(memory.maxMemory()).hasValue(0);
        assertThat(memory.maxMemoryPolicy()).contains("noeviction");
        // Values keep everything after the first colon; no CR survives.
        assertThat(info.text("os")).contains("Linux 6.18.44-fc-v445 x86_64");
        assertThat(info.text("executable")).contains("/tmp/mon-cap/redis-server");
    }

    @Test
    void missingAndMalformedFieldsAreAbsentNotErrors() {
        RedisInfo info = RedisInfo.parse("""
                # Server
                garbage line without colon
                :no name
                redis_version:
                connected_clients:many
                used_cpu_sys:nan
                used_memory:12
                """);

        assertThat(info.text("missing")).isEmpty();
        assertThat(info.longValue("missing")).isEmpty();
        assertThat(info.longValue("connected_clients")).isEqualTo(OptionalLong.empty());
        assertThat(info.doubleValue("used_cpu_sys")).isEqualTo(OptionalDouble.empty());
        assertThat(info.text("redis_version")).contains("");
        assertThat(info.longValue("used_memory")).hasValue(12);
        assertThat(info.fields()).doesNotContainKey("");
        assertThat(RedisInfo.parse(null).fields()).isEmpty();
        assertThat(RedisInfo.parse("").fields()).isEmpty();
    }

    @Test
    void commandStatsOfRedis7IncludeFailedCalls() {
        List<CommandStats> stats = CommandStats.fromInfo(RedisInfo.parse(CapturedInfo.REDIS_7_0_COMMANDSTATS));

        assertThat(stats)
                .extracting(CommandStats::command)
                .containsExactlyInAnyOrder("client|setname", "info", "xreadgroup", "xgroup|create", "xadd");
        CommandStats xreadgroup = stats.stream()
                .filter(s -> s.command().equals("xreadgroup"))
                .findFirst()
                .orElseThrow();
        assertThat(xreadgroup.calls()).isEqualTo(1);
        assertThat(xreadgroup.usec()).isEqualTo(10);
        assertThat(xreadgroup.usecPerCall()).hasValue(10.0);
        assertThat(xreadgroup.rejectedCalls()).hasValue(0);
        assertThat(xreadgroup.failedCalls()).hasValue(1);
        assertThat(xreadgroup.failedOrZero()).isEqualTo(1);
    }

    @Test
    void commandStatsOfRedis6HaveNoFailedCallsRatherThanZero() {
        List<CommandStats> stats = CommandStats.fromInfo(RedisInfo.parse(CapturedInfo.REDIS_6_0_COMMANDSTATS));

        assertThat(stats).extracting(CommandStats::command).containsExactly("xreadgroup", "xadd"); // most called first
        assertThat(stats.get(0).calls()).isEqualTo(40);
        assertThat(stats.get(0).failedCalls()).isEmpty();
        assertThat(stats.get(0).rejectedCalls()).isEmpty();
        assertThat(stats.get(0).failedOrZero()).isZero();
    }

    @Test
    void commandStatsSkipLinesThatAreNotCommandStats() {
        List<CommandStats> stats = CommandStats.fromInfo(RedisInfo.parse("""
                # Commandstats
                cmdstat_:calls=1
                cmdstat_get:usec=5
                cmdstat_set:calls=x,usec=5
                cmdstat_ping:calls=3,usec=oops,usec_per_call=,future_field=7,failed_calls=2
                errorstat_NOGROUP:count=3
                """));

        assertThat(stats).singleElement().satisfies(ping -> {
            assertThat(ping.command()).isEqualTo("ping");
            assertThat(ping.calls()).isEqualTo(3);
            assertThat(ping.usec()).isZero();
            assertThat(ping.usecPerCall()).isEmpty();
            assertThat(ping.failedCalls()).hasValue(2);
        });
    }
}
