package dev.nautilus.bus.redis.monitor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The fields of a Redis {@code INFO} reply, by name. Parsing is lenient on purpose: Redis versions
 * add, rename and drop fields, so section headers, blank lines and lines without a {@code :} are
 * skipped, and a field that is missing or not a number is reported as absent, never as an error.
 */
public final class RedisInfo {

    private static final RedisInfo EMPTY = new RedisInfo(Map.of());

    private final Map<String, String> fields;

    private RedisInfo(Map<String, String> fields) {
        this.fields = fields;
    }

    /** Parses the text of one or more {@code INFO} replies ({@code \r\n} or {@code \n} line ends). */
    public static RedisInfo parse(String text) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String rawLine : text.split("\n")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            fields.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return new RedisInfo(Collections.unmodifiableMap(fields));
    }

    /** An INFO with no fields. */
    public static RedisInfo empty() {
        return EMPTY;
    }

    /** Every field, in reply order. */
    public Map<String, String> fields() {
        return fields;
    }

    /** The raw text of a field. */
    public Optional<String> text(String field) {
        return Optional.ofNullable(fields.get(field));
    }

    /** A whole-number field; absent when missing or not a whole number. */
    public OptionalLong longValue(String field) {
        return parseLong(fields.get(field));
    }

    /** A decimal field; absent when missing or not a number. */
    public OptionalDouble doubleValue(String field) {
        return parseDouble(fields.get(field));
    }

    /**
     * The {@code key=value} pairs of a composite field such as
     * {@code cmdstat_xadd:calls=1,usec=13,usec_per_call=13.00} or {@code db0:keys=1,expires=0}.
     */
    public static Map<String, String> subFields(String value) {
        Map<String, String> parts = new LinkedHashMap<>();
        if (value == null) {
            return parts;
        }
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return parts;
    }

    static OptionalLong parseLong(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalDouble parseDouble(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    @Override
    public String toString() {
        return "RedisInfo" + fields.keySet();
    }
}
