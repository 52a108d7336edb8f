package dev.nautilus.bus.redis.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupInfoTest {

    @Test
    void readsAResp2ReplyOfRedis7() {
        // The shape redis-cli showed for XINFO GROUPS on 7.0.15: entries-read is nil until a read.
        List<Object> reply = List.of(Arrays.asList(
                "name",
                "risk",
                "consumers",
                2L,
                "pending",
                3L,
                "last-delivered-id",
                "1700000000000-4",
                "entries-read",
                null,
                "lag",
                7L));

        assertThat(GroupInfo.fromXinfoGroups(reply)).singleElement().satisfies(group -> {
            assertThat(group.name()).isEqualTo("risk");
            assertThat(group.consumers()).isEqualTo(2);
            assertThat(group.pending()).isEqualTo(3);
            assertThat(group.lastDeliveredId()).isEqualTo("1700000000000-4");
            assertThat(group.entriesRead()).isEmpty();
            assertThat(group.lag()).hasValue(7);
        });
    }

    @Test
    void readsAResp3MapAndOlderRedisWithoutLag() {
        Map<Object, Object> group = new LinkedHashMap<>();
        group.put("name".getBytes(StandardCharsets.UTF_8), "portfolio".getBytes(StandardCharsets.UTF_8));
        group.put("consumers", "1");
        group.put("pending", 0L);
        group.put("last-delivered-id", "0-0");
        group.put("some-future-field", List.of(1, 2));

        assertThat(GroupInfo.fromXinfoGroups(List.of(group))).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("portfolio");
            assertThat(g.consumers()).isEqualTo(1);
            assertThat(g.lag()).isEmpty();
            assertThat(g.entriesRead()).isEmpty();
        });
    }

    @Test
    void skipsEntriesItCannotRead() {
        List<Object> reply = Arrays.asList(
                null, "text", List.of("consumers", 1L), List.of("name"), List.of("name", "ok", "pending", "lots"));

        assertThat(GroupInfo.fromXinfoGroups(reply)).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("ok");
            assertThat(g.pending()).isZero();
        });
        assertThat(GroupInfo.fromXinfoGroups(null)).isEmpty();
    }
}
