package dev.nautilus.bus.redis.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.testkit.RedisServer;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bridge between two real Redis servers: both ways, loop-free, once per entry across restarts. */
class StreamMirrorTest {

    private static final String STREAM = "nautilus:engine_logic:risk_metric";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void bothDirectionsCopyEachOriginalOnceAndNeverCopyACopyBack() {
        try (RedisServer main = RedisServer.start();
                RedisServer bus = RedisServer.start()) {
            publish(main, "main", 0, 100);
            publish(bus, "bus", 0, 50);
            try (StreamMirror down = mirror("down", "main", main, bus, "nautilus:bridge:from:main");
                    StreamMirror up = mirror("up", "engine_logic", bus, main, "nautilus:bridge:from:engine_logic")) {
                publish(main, "main", 100, 200);
                assertThat(down.awaitCaughtUp(WAIT) && up.awaitCaughtUp(WAIT)).isTrue();
                assertThat(down.mirrored()).isEqualTo(200);
                assertThat(up.mirrored()).isEqualTo(50);
                assertThat(up.loopsRefused()).isEqualTo(200);
                assertThat(down.loopsRefused()).isEqualTo(50);
            }
            for (RedisServer side : List.of(main, bus)) {
                Map<String, Integer> byId = idsOn(side);
                assertThat(byId).hasSize(250);
                assertThat(byId.values()).allMatch(n -> n == 1);
            }
        }
    }

    @Test
    void entriesReadAgainAfterACrashAreNotCopiedTwice() {
        try (RedisServer main = RedisServer.start();
                RedisServer bus = RedisServer.start()) {
            publish(main, "main", 0, 300);
            try (StreamMirror down = mirror("down", "main", main, bus, "nautilus:bridge:from:main")) {
                assertThat(down.awaitCaughtUp(WAIT)).isTrue();
            }
            // as if it had died after copying and before acknowledging: its group back at the start
            main.redis().xgroupSetid(io.lettuce.core.XReadArgs.StreamOffset.from(STREAM, "0"), StreamMirror.GROUP);
            publish(main, "main", 300, 320);
            try (StreamMirror again = mirror("down", "main", main, bus, "nautilus:bridge:from:main")) {
                assertThat(again.awaitCaughtUp(WAIT)).isTrue();
                assertThat(again.alreadyCopied()).isEqualTo(300);
                assertThat(again.mirrored()).isEqualTo(20);
            }
            Map<String, Integer> byId = idsOn(bus);
            assertThat(byId).hasSize(320);
            assertThat(byId.values()).allMatch(n -> n == 1);
        }
    }

    private static StreamMirror mirror(
            String name, String origin, RedisServer from, RedisServer to, String checkpoint) {
        return new StreamMirror(name, origin, from.url(), to.url(), List.of(STREAM), checkpoint, 100_000);
    }

    private static void publish(RedisServer redis, String side, int from, int to) {
        for (int i = from; i < to; i++) {
            redis.redis().xadd(STREAM, Map.of("id", side + "-" + i, "message_type", "risk_metric", "payload", "{}"));
        }
    }

    /** How many entries carry each envelope id. */
    private static Map<String, Integer> idsOn(RedisServer redis) {
        Map<String, Integer> counts = new HashMap<>();
        for (StreamMessage<String, String> entry : redis.redis().xrange(STREAM, Range.create("-", "+"))) {
            counts.merge(entry.getBody().get("id"), 1, Integer::sum);
        }
        return counts;
    }
}
