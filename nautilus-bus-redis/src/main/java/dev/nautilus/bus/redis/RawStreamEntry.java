package dev.nautilus.bus.redis;

import dev.nautilus.bus.codec.EnvelopeCodec;
import io.lettuce.core.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stream entry as Redis sent it: the stream, the entry id and the field/value pairs as bytes,
 * or no pairs when the entry was trimmed away while still pending. A field is turned into a
 * string only when the decoder asks for it.
 */
final class RawStreamEntry implements EnvelopeCodec.FieldSource {

    private static final byte[][] NONE = new byte[0][];

    private final String stream;
    private final String id;
    private final byte[][] pairs;

    RawStreamEntry(String stream, String id, byte[][] pairs) {
        this.stream = stream;
        this.id = id;
        this.pairs = pairs == null ? NONE : pairs;
    }

    /** An entry Lettuce already decoded (claimed entries take that path; it is rare). */
    static RawStreamEntry of(StreamMessage<String, String> message) {
        Map<String, String> body = message.getBody();
        byte[][] pairs = new byte[body == null ? 0 : body.size() * 2][];
        int i = 0;
        if (body != null) {
            for (Map.Entry<String, String> field : body.entrySet()) {
                pairs[i++] = field.getKey().getBytes(StandardCharsets.UTF_8);
                pairs[i++] = field.getValue() == null ? null : field.getValue().getBytes(StandardCharsets.UTF_8);
            }
        }
        return new RawStreamEntry(message.getStream(), message.getId(), pairs);
    }

    String stream() {
        return stream;
    }

    String id() {
        return id;
    }

    /** True when the entry has no fields left (trimmed by {@code MAXLEN} while pending). */
    boolean isEmpty() {
        return pairs.length == 0;
    }

    @Override
    public String field(String name) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (asciiEquals(pairs[i], name)) {
                byte[] value = pairs[i + 1];
                return value == null ? null : new String(value, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The fields as strings, in entry order, e.g. for a dead letter. */
    Map<String, String> body() {
        Map<String, String> body = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            body.put(
                    new String(pairs[i], StandardCharsets.UTF_8),
                    pairs[i + 1] == null ? "" : new String(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body;
    }

    /** Field names are ASCII: compare without decoding. */
    private static boolean asciiEquals(byte[] bytes, String text) {
        if (bytes == null || bytes.length != text.length()) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
