package dev.nautilus.bus.redis.bridge;

import java.util.Map;

/**
 * The two fields the bridge adds to every entry it copies. The envelope (and its {@code id}, by which
 * engines deduplicate) is copied unchanged; a reader that does not know these fields ignores them.
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
}
