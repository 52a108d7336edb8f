package dev.nautilus.bus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping used for payloads, so that every engine and every transport agree on it.
 * Unknown fields are ignored on read: an engine written in another language may add fields.
 */
public final class Json {

    /**
     * Explicit bounds on what a parse of outside JSON may cost: nesting (which a tree conversion
     * pays for in stack), the digits of one number (whose conversion grows faster than its
     * length), one string and one field name. Payloads come off the wire from any publisher.
     */
    static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(256)
            .maxNumberLength(256)
            .maxStringLength(20_000_000)
            .maxNameLength(4096)
            .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(READ_CONSTRAINTS)
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    /** Serialises a value to JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PayloadException(
                    "cannot encode " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses JSON, as UTF-8 bytes, into a tree.
     *
     * @throws PayloadException when the bytes are not valid JSON
     */
    public static JsonNode parse(byte[] utf8) {
        try {
            return present(MAPPER.readTree(utf8));
        } catch (JsonProcessingException e) {
            throw new PayloadException("payload is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new PayloadException("payload could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads JSON, as UTF-8 bytes, as the given type.
     *
     * @throws PayloadException when the JSON does not fit the type
     */
    public static <T> T read(byte[] utf8, Class<T> type) {
        try {
            return MAPPER.readValue(utf8, type);
        } catch (JsonProcessingException e) {
            throw new PayloadException(
                    "payload does not fit " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new PayloadException("payload could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses JSON text into a tree.
     *
     * @throws PayloadException when the text is not valid JSON
     */
    public static JsonNode parse(String json) {
        try {
            return present(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new PayloadException("payload is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode present(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw new PayloadException("payload is empty, expected JSON");
        }
        return node;
    }

    /**
     * Reads JSON text as the given type.
     *
     * @throws PayloadException when the text does not fit the type
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new PayloadException(
                    "payload does not fit " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Converts a tree to the given type. */
    public static <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PayloadException(
                    "payload does not fit " + type.getSimpleName() + ": "
                            + (e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage()),
                    e);
        }
    }

    /** Converts any value (a record, a map) to a tree. */
    public static JsonNode toTree(Object value) {
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new PayloadException(
                    "cannot encode " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
        }
    }
}
