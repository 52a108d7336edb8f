package dev.nautilus.bus.redis.bridge;

import dev.nautilus.bus.redis.StreamIds;
import dev.nautilus.bus.redis.monitor.GroupInfo;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How far one direction of the bridge is behind, from its group on the source Redis: what it has
 * not read ({@code XINFO GROUPS} lag) plus what it read and has not acknowledged (pending). Read by
 * the bridge itself and by anyone who watches it ({@code nautilus migrate status}).
 */
public final class BridgeLag {

    private BridgeLag() {}

    /** Entries of {@code streams} on {@code source} not yet copied; empty when Redis cannot tell, or no bridge ran. */
    public static OptionalLong of(RedisCommands<String, String> source, List<String> streams) {
        long total = 0;
        for (String stream : streams) {
            OptionalLong lag = ofStream(source, stream);
            if (lag.isEmpty()) {
                return lag;
            }
            total += lag.getAsLong();
        }
        return OptionalLong.of(total);
    }

    private static OptionalLong ofStream(RedisCommands<String, String> source, String stream) {
        if (source.exists(stream) == 0) {
            return OptionalLong.of(0);
        }
        for (GroupInfo group : GroupInfo.fromXinfoGroups(source.xinfoGroups(stream))) {
            if (!group.name().equals(StreamMirror.GROUP)) {
                continue;
            }
            if (group.lag().isPresent()) {
                return OptionalLong.of(group.lag().getAsLong() + group.pending());
            }
            // Redis cannot count the lag (entries were deleted): caught up still shows as nothing after the group
            List<StreamMessage<String, String>> last = source.xrevrange(stream, Range.create("-", "+"), Limit.from(1));
            boolean caughtUp = last.isEmpty() || StreamIds.compare(last.get(0).getId(), group.lastDeliveredId()) <= 0;
            return caughtUp ? OptionalLong.of(group.pending()) : OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** The last entry id of each of {@code streams} now ({@code 0-0} for an empty or missing stream). */
    public static Map<String, String> ends(RedisCommands<String, String> source, List<String> streams) {
        Map<String, String> ends = new LinkedHashMap<>();
        for (String stream : streams) {
            List<StreamMessage<String, String>> last = source.xrevrange(stream, Range.create("-", "+"), Limit.from(1));
            ends.put(stream, last.isEmpty() ? "0-0" : last.get(0).getId());
        }
        return ends;
    }

    /**
     * Whether the bridge has copied (or, for copies, passed over) every entry up to {@code ends} on
     * each stream: its group read past them and holds none of them pending. Unlike a lag of 0,
     * this is reached while producers keep writing.
     */
    public static boolean copiedThrough(RedisCommands<String, String> source, Map<String, String> ends) {
        for (Map.Entry<String, String> end : ends.entrySet()) {
            String stream = end.getKey();
            if (end.getValue().equals("0-0")) {
                continue;
            }
            GroupInfo bridge = GroupInfo.fromXinfoGroups(source.xinfoGroups(stream)).stream()
                    .filter(g -> g.name().equals(StreamMirror.GROUP))
                    .findFirst()
                    .orElse(null);
            if (bridge == null || StreamIds.compare(bridge.lastDeliveredId(), end.getValue()) < 0) {
                return false;
            }
            if (bridge.pending() > 0
                    && !source.xpending(stream, StreamMirror.GROUP, Range.create("-", end.getValue()), Limit.from(1))
                            .isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
