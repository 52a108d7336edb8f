package dev.nautilus.bus.redis.monitor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One consumer group of a stream, as {@code XINFO GROUPS} reports it. In Nautilus a group is an
 * engine and its consumers are the engine's running instances.
 *
 * @param name            the group (engine) name
 * @param consumers       consumers in the group
 * @param pending         entries delivered but not acknowledged (the PEL)
 * @param lag             entries not yet delivered to the group (Redis 7+); absent on older Redis or
 *                        when Redis cannot tell (after deletions or trimming past the group)
 * @param lastDeliveredId the id of the last entry delivered to the group
 * @param entriesRead     entries the group has read (Redis 7+), absent when unknown
 */
public record GroupInfo(
        String name, long consumers, long pending, OptionalLong lag, String lastDeliveredId, OptionalLong entriesRead) {

    /**
     * Parses a raw {@code XINFO GROUPS} reply: a list of groups, each a flat list of alternating field
     * names and values (RESP2) or a map (RESP3). Unknown fields are ignored; a group without a name
     * is skipped; missing numbers are 0 ({@code consumers}, {@code pending}) or absent.
     */
    public static List<GroupInfo> fromXinfoGroups(List<?> reply) {
        List<GroupInfo> groups = new ArrayList<>();
        if (reply == null) {
            return groups;
        }
        for (Object entry : reply) {
            Map<String, Object> fields = fieldsOf(entry);
            String name = text(fields.get("name"));
            if (name == null) {
                continue;
            }
            groups.add(new GroupInfo(
                    name,
                    number(fields.get("consumers")).orElse(0),
                    number(fields.get("pending")).orElse(0),
                    number(fields.get("lag")),
                    Optional.ofNullable(text(fields.get("last-delivered-id"))).orElse(""),
                    number(fields.get("entries-read"))));
        }
        return groups;
    }

    private static Map<String, Object> fieldsOf(Object entry) {
        Map<String, Object> fields = new HashMap<>();
        if (entry instanceof Map<?, ?> map) {
            map.forEach((key, value) -> fields.put(text(key), value));
        } else if (entry instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                fields.put(text(list.get(i)), list.get(i + 1));
            }
        }
        return fields;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof ByteBuffer buffer) {
            return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
        }
        return value.toString();
    }

    private static OptionalLong number(Object value) {
        if (value instanceof Number number) {
            return OptionalLong.of(number.longValue());
        }
        return RedisInfo.parseLong(text(value));
    }
}
