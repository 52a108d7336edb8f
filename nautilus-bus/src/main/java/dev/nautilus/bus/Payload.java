package dev.nautilus.bus;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The body of a message: a Java value, its JSON (as UTF-8 bytes, or as text), or several of these.
 *
 * <p>Within one JVM a payload travels as the object the publisher gave, and a handler asking for
 * that type gets the same instance back: nothing is encoded. Across a process boundary it travels
 * as JSON, encoded once per publish (to text, then UTF-8) and parsed once per consumer, from the
 * bytes read. The lazily computed forms are pure functions of the immutable original, so the
 * benign races on them (as in {@link String#hashCode()}) cannot be observed; the bytes are held
 * in a volatile field, as an array carries no final-field guarantee for its contents.
 */
public final class Payload {

    private static final byte[] EMPTY_OBJECT = {'{', '}'};
    private static final Payload EMPTY = new Payload(Map.of(), "{}", null, EMPTY_OBJECT);

    private final Object value;
    private String json;
    private JsonNode tree;
    private volatile byte[] utf8;

    private Payload(Object value, String json, JsonNode tree, byte[] utf8) {
        this.value = value;
        this.json = json;
        this.tree = tree;
        this.utf8 = utf8;
    }

    /** An empty JSON object. */
    public static Payload empty() {
        return EMPTY;
    }

    /**
     * Wraps a value (a record, a map, a list, a JSON tree). It should be immutable: consumers in
     * the same JVM see the very same instance.
     */
    public static Payload of(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("payload value is null; use Payload.empty()");
        }
        if (value instanceof Payload payload) {
            return payload;
        }
        if (value instanceof JsonNode node) {
            return new Payload(null, null, node, null);
        }
        return new Payload(value, null, null, null);
    }

    /**
     * Wraps JSON text received from the wire, checking at once that it is one JSON value (see
     * {@link #utf8(byte[])}).
     *
     * @throws PayloadException when it is not valid JSON
     */
    public static Payload json(String json) {
        if (json == null) {
            throw new PayloadException("payload is missing");
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonSyntax.check(bytes, 0, bytes.length);
        return new Payload(null, json, null, bytes);
    }

    /**
     * Wraps the UTF-8 bytes of JSON received from the wire, checking at once that they are valid
     * UTF-8 and one JSON value (a single pass: the text and the tree are built only when a
     * consumer asks for them). The payload takes the array as its own: the caller must not
     * change it afterwards.
     *
     * @throws PayloadException when the bytes are not valid UTF-8 or not one JSON value
     */
    public static Payload utf8(byte[] bytes) {
        if (bytes == null) {
            throw new PayloadException("payload is missing");
        }
        JsonSyntax.check(bytes, 0, bytes.length);
        return new Payload(null, null, null, bytes);
    }

    /**
     * The payload as the given type: the original object when it already is one, otherwise
     * converted from JSON.
     *
     * @throws PayloadException when the payload does not fit the type
     */
    public <T> T as(Class<T> type) {
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        if (type == JsonNode.class) {
            return type.cast(tree());
        }
        if (value == null && tree == null) {
            return Json.read(utf8Bytes(), type);
        }
        return Json.convert(tree(), type);
    }

    /** The payload as a JSON tree. */
    public JsonNode tree() {
        JsonNode t = tree;
        if (t == null) {
            t = value != null ? Json.toTree(value) : Json.parse(utf8Bytes());
            tree = t;
        }
        return t;
    }

    /** The payload as JSON text, encoded at most once. */
    public String json() {
        String j = json;
        if (j == null) {
            byte[] bytes = utf8;
            j = bytes != null
                    ? new String(bytes, StandardCharsets.UTF_8)
                    : value != null ? Json.write(value) : tree.toString();
            json = j;
        }
        return j;
    }

    /**
     * The payload as JSON in UTF-8, encoded at most once: what a transport writes. The view is
     * read-only, as the payload keeps the bytes.
     */
    public ByteBuffer utf8() {
        return ByteBuffer.wrap(utf8Bytes()).asReadOnlyBuffer();
    }

    private byte[] utf8Bytes() {
        byte[] bytes = utf8;
        if (bytes == null) {
            // through the text: Jackson writes a record to a String and the JDK encodes it to UTF-8
            // in half the time Jackson's own UTF-8 writer takes (PayloadCodecBenchmark, 2026-12-07)
            bytes = json().getBytes(StandardCharsets.UTF_8);
            utf8 = bytes;
        }
        return bytes;
    }

    /** The original Java value, or {@code null} when this payload arrived as JSON. */
    public Object value() {
        return value;
    }

    @Override
    public String toString() {
        return json();
    }
}
