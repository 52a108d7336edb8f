package dev.nautilus.bus.redis.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.bus.Bus;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Trimmed before delivery", counted per group from Redis's own counters. A group fallen behind the
 * cap, whose count must equal its loss exactly (also through the meters), is the chaos scenario
 * {@code slow-consumer} (nautilus-bench, {@code ./nautilus chaos slow-consumer}).
 */
class TrimmedBeforeDeliveryTest {

    private static final String STREAM = "nautilus:marketdata:market_data";

    private static GroupInfo group(BusMonitor monitor, String name) {
        return monitor.snapshot().redis().get(0).stream(STREAM).orElseThrow().groups().stream()
                .filter(g -> g.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aGroupThatKeptUpLostNothingAndDeletionsMakeTheCountUnknown() throws Exception {
        try (RedisServer md = RedisServer.start();
                BusMonitor monitor = new BusMonitor(
                        List.of(MonitorTarget.forBus(Bus.MARKETDATA, md.url(), "nautilus")),
                        Duration.ofSeconds(5),
                        Duration.ZERO)) {
            md.command("XGROUP", "CREATE", STREAM, "features", "$", "MKSTREAM");
            for (int i = 1; i <= 10; i++) {
                md.command("XADD", STREAM, i + "-1", "f", "v");
            }
            md.command("XREADGROUP", "GROUP", "features", "c", "COUNT", "3", "STREAMS", STREAM, ">");
            assertThat(group(monitor, "features").trimmed()).hasValue(0);
            md.command("XTRIM", STREAM, "MAXLEN", "4");
            // Read 3, entries 4..6 trimmed before it read them.
            assertThat(group(monitor, "features").trimmed()).hasValue(3);
            md.command("XDEL", STREAM, "9-1");
            assertThat(group(monitor, "features").trimmed()).isEmpty();
        }
    }

    @Test
    void aReplayFromAPositionKnowsWhetherTrimmingTookEntriesAfterIt() {
        try (RedisServer md = RedisServer.start()) {
            for (int i = 1; i <= 10; i++) {
                md.command("XADD", STREAM, i + "-1", "f", "v");
            }
            assertThat(counters(md).trimmedAfter("0-0")).as("nothing trimmed").hasValue(0);
            md.command("XTRIM", STREAM, "MAXLEN", "6"); // 1-1 .. 4-1 gone
            assertThat(counters(md).trimmedAfter("5-1")).as("from a kept entry").hasValue(0);
            // the entry it starts after is gone itself: whether the next one went too, Redis cannot say
            assertThat(counters(md).trimmedAfter("4-1"))
                    .as("from the last one trimmed")
                    .hasValue(4);
            assertThat(counters(md).trimmedAfter("2-1"))
                    .as("from before the trim")
                    .hasValue(4);
            assertThat(counters(md).trimmedAfter("0-0")).as("from the start").hasValue(4);
            md.command("XDEL", STREAM, "9-1");
            assertThat(counters(md).trimmedAfter("2-1"))
                    .as("after XDEL Redis cannot tell")
                    .isEmpty();
        }
    }

    private static StreamCounters counters(RedisServer redis) {
        return StreamCounters.fromXinfoStream(redis.redis().xinfoStream(STREAM));
    }
}
