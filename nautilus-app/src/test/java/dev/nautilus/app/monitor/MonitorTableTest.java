package dev.nautilus.app.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.redis.monitor.CommandStats;
import dev.nautilus.bus.redis.monitor.CpuUsage;
import dev.nautilus.bus.redis.monitor.GroupInfo;
import dev.nautilus.bus.redis.monitor.MemoryUsage;
import dev.nautilus.bus.redis.monitor.MonitorSnapshot;
import dev.nautilus.bus.redis.monitor.MonitorTarget;
import dev.nautilus.bus.redis.monitor.RedisSnapshot;
import dev.nautilus.bus.redis.monitor.StreamInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MonitorTableTest {

    private static final Instant AT = Instant.parse("2026-11-22T19:30:00Z");
    private static final MonitorTarget MAIN = MonitorTarget.mainRedis("redis://:pw@main:6379", "nautilus");

    private static RedisSnapshot busy() {
        List<CommandStats> commands = new ArrayList<>();
        commands.add(new CommandStats(
                "xreadgroup",
                2_500_000,
                9_000_000,
                OptionalDouble.of(3.6),
                OptionalLong.of(0),
                OptionalLong.of(2_400_000)));
        for (int i = 0; i < 20; i++) {
            commands.add(new CommandStats(
                    "cmd" + i, 100 - i, 10, OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty()));
        }
        commands.add(new CommandStats("rare", 1, 1, OptionalDouble.of(1), OptionalLong.of(0), OptionalLong.of(1)));
        StreamInfo stream = new StreamInfo(
                "nautilus:engine_logic:risk_metric",
                12_345,
                false,
                List.of(
                        new GroupInfo("risk", 2, 7, OptionalLong.of(100), "1-0", OptionalLong.of(5)),
                        new GroupInfo("portfolio", 1, 0, OptionalLong.empty(), "0-0", OptionalLong.empty())));
        return new RedisSnapshot(
                MAIN,
                AT,
                true,
                Optional.empty(),
                Optional.of("7.0.15"),
                new CpuUsage(OptionalDouble.of(87.25), CpuUsage.Basis.INTERVAL, Duration.ofSeconds(1)),
                OptionalLong.of(41),
                Map.of("risk", 3, "unnamed", 38),
                commands,
                Map.of("NOGROUP", 2_400_001L),
                new MemoryUsage(
                        OptionalLong.of(1_000_000),
                        Optional.of("976.56K"),
                        OptionalLong.of(0),
                        Optional.of("noeviction")),
                List.of(stream),
                3,
                List.of("CLIENT LIST failed: NOPERM"),
                List.of());
    }

    @Test
    void showsEveryFigureOfARedisAndMarksFailedCalls() {
        String text = new MonitorTable(false).render(new MonitorSnapshot(AT, List.of(busy())), "");

        assertThat(text)
                .contains("Nautilus bus monitor  2026-11-22 19:30:00 UTC")
                .contains("== main Redis  redis://:***@main:6379  Redis 7.0.15")
                .doesNotContain("pw@")
                .contains("87.3 % over the last 1.0 s")
                .contains("Memory 976.56K used, no limit, noeviction")
                .contains("41 connected:  risk 3 · unnamed 38")
                .contains("NOGROUP 2,400,001")
                .contains("Dead letters 3 !")
                .contains("Warning      CLIENT LIST failed: NOPERM");
        assertThat(line(text, "xreadgroup"))
                .contains("2,500,000")
                .contains("3.60")
                .endsWith("2,400,000 !");
        // Beyond the first dozen only commands with failed calls are listed, and the rest are counted.
        assertThat(text)
                .contains("rare")
                .contains("cmd10")
                .doesNotContain("cmd11 ")
                .contains("(9 more commands, none with failed calls)");
        assertThat(line(text, "cmd0 ")).endsWith("-");
        assertThat(line(text, "risk_metric"))
                .contains("12,345")
                .contains("risk")
                .contains("7")
                .endsWith("100");
        assertThat(line(text, "portfolio")).endsWith("?"); // lag Redis could not tell
        assertThat(text).doesNotContain("\033[");
    }

    @Test
    void coloursHighlightFailedCallsWhenOn() {
        String text = new MonitorTable(true).render(new MonitorSnapshot(AT, List.of(busy())), "every 1 s");

        assertThat(line(text, "xreadgroup"))
                .contains(Ansi.RED)
                .contains("2,400,000 !")
                .endsWith(Ansi.RESET);
        assertThat(line(text, "cmd0 ")).doesNotContain(Ansi.RED);
        assertThat(text).contains("every 1 s");
    }

    @Test
    void firstSampleCpuSaysWhatItIsAveragedOverAndAnUnreachableRedisSaysWhy() {
        RedisSnapshot first = new RedisSnapshot(
                MonitorTarget.forBus(Bus.MARKETDATA, "redis://md:6380", "nautilus"),
                AT,
                true,
                Optional.empty(),
                Optional.empty(),
                new CpuUsage(OptionalDouble.of(0.5), CpuUsage.Basis.SINCE_START, Duration.ofSeconds(3600)),
                OptionalLong.empty(),
                Map.of(),
                List.of(),
                Map.of(),
                MemoryUsage.unknown(),
                List.of(),
                0,
                List.of(),
                List.of());
        RedisSnapshot down = RedisSnapshot.unreachable(MAIN, AT, "Connection refused");

        String text = new MonitorTable(false).render(new MonitorSnapshot(AT, List.of(first, down)), "");

        assertThat(text)
                .contains("0.5 % average since Redis started (3600 s ago)")
                .contains("Commands     none yet")
                .contains("Streams      none under nautilus:*")
                .contains("Dead letters 0\n")
                .contains("== main Redis  redis://:***@main:6379  UNREACHABLE: Connection refused");
    }

    @Test
    void aGroupThatLostEntriesToTrimmingShowsHowManyInTheTableAndTheJson() {
        RedisSnapshot busy = busy();
        StreamInfo trimmed = new StreamInfo(
                "nautilus:marketdata:market_data",
                100_000,
                false,
                List.of(new GroupInfo(
                        "features",
                        1,
                        0,
                        OptionalLong.of(100_000),
                        "0-0",
                        OptionalLong.of(0),
                        OptionalLong.of(150_000))));
        RedisSnapshot snapshot = new RedisSnapshot(
                busy.target(),
                busy.takenAt(),
                true,
                busy.error(),
                busy.redisVersion(),
                busy.cpu(),
                busy.connectedClients(),
                busy.clientsByEngine(),
                busy.commands(),
                busy.errors(),
                busy.memory(),
                List.of(trimmed),
                0,
                List.of(),
                List.of());

        String text = new MonitorTable(false).render(new MonitorSnapshot(AT, List.of(snapshot)), "");
        assertThat(text).contains("TRIMMED");
        assertThat(line(text, "features")).contains("150,000").endsWith("100,000");
        String json = SnapshotJson.write(new MonitorSnapshot(AT, List.of(snapshot)));
        assertThat(json).contains("\"trimmed\" : 150000");
    }

    private static String line(String text, String containing) {
        return text.lines()
                .filter(l -> l.contains(containing))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + containing + "' in:\n" + text));
    }
}
