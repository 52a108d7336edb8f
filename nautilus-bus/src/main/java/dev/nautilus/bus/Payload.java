package dev.nautilus.bus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The body of a message: a Java value, its JSON text, or both.
 *
 * <p>Within one JVM a payload travels as the object the publisher gave, and a handler asking for
 * that type gets the same instance back: nothing is encoded. Across a process boundary it travels
 * as JSON, encoded once per publish and parsed once per consumer. The lazily computed forms are
 * pure functions of the immutable original, so the benign races on them (as in
 * {@link String#hashCode()}) cannot be observed.
 */
public final class Payload {

    private static final Payload EMPTY = new Payload(Map.of(), "{}", null);

    private final Object value;
    private String json;
    private JsonNode tree;

    private Payload(Object value, String json, JsonNode tree) {
        this.value = value;
        this.json = json;
        this.tree = tree;
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
            return new Payload(null, null, node);
        }
        return new Payload(value, null, null);
    }

    /**
     * Wraps JSON text received from the wire, validating it at once (a token scan: the tree is
     * built only when a consumer asks for it).
     *
     * @throws PayloadException when it is not valid JSON
     */
    public static Payload json(String json) {
        if (json == null) {
            throw new PayloadException("payload is missing");
        }
        Json.validate(json);
        return new Payload(null, json, null);
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
            return Json.read(json, type);
        }
        return Json.convert(tree(), type);
    }

    /** The payload as a JSON tree. */
    public JsonNode tree() {
        JsonNode t = tree;
        if (t == null) {
            t = value != null ? Json.toTree(value) : Json.parse(json);
            tree = t;
        }
        return t;
    }

    /** The payload as JSON text, encoded at most once. */
    public String json() {
        String j = json;
        if (j == null) {
            j = value != null ? Json.write(value) : tree.toString();
            json = j;
        }
        return j;
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
