package dev.nautilus.bus.redis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two fields the migration bridge ({@code bridge.LayoutBridge}) adds to every entry it copies.
 * The envelope (and its {@code id}, by which engines deduplicate) is copied unchanged; a reader that
 * does not know these fields ignores them. They describe a stream entry, not its message: a dead
 * letter or a replay leaves them out, so that it is an original on its own Redis, which the bridge
 * copies.
 */
public final class MirrorFields {

    /** Where a mirrored entry came from ({@code main}, {@code bus}): the bridge never copies such an entry back. */
    public static final String ORIGIN = "mirror_origin";
    /** The entry id the copy has on the Redis it came from, which translates group positions. */
    public static final String SOURCE_ID = "mirror_source_id";

    private MirrorFields() {}

    /** Whether the bridge wrote this entry (it is a copy, not an original). */
    public static boolean isMirror(Map<String, String> fields) {
        return fields.containsKey(ORIGIN);
    }

    /** The fields without the two the bridge adds ({@code fields} itself when it has neither). */
    public static Map<String, String> withoutMirror(Map<String, String> fields) {
        if (fields == null || (!fields.containsKey(ORIGIN) && !fields.containsKey(SOURCE_ID))) {
            return fields;
        }
        Map<String, String> original = new LinkedHashMap<>(fields);
        original.remove(ORIGIN);
        original.remove(SOURCE_ID);
        return original;
    }
}
