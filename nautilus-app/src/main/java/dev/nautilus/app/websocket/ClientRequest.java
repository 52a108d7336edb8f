package dev.nautilus.app.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.bus.Json;
import dev.nautilus.bus.PayloadException;
import dev.nautilus.bus.TopicPattern;
import dev.nautilus.engines.topics.MarketDataTopics;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client may ask, one JSON object per text frame: {@code {"op":"subscribe","patterns":[…]}},
 * {@code {"op":"unsubscribe","patterns":[…]}} or {@code {"op":"ping"}}. Pattern length and count
 * are checked here, before a pattern is compiled.
 */
public sealed interface ClientRequest {

    /** Most patterns one request may carry; bounds the work and memory a single frame can cause. */
    int MAX_PATTERNS = 256;

    /** Start receiving messages whose topic matches any of the patterns. */
    record Subscribe(List<TopicPattern> patterns) implements ClientRequest {}

    /** Stop receiving for these patterns (patterns not subscribed are ignored). */
    record Unsubscribe(List<TopicPattern> patterns) implements ClientRequest {}

    /** Answered with a pong. */
    record Ping() implements ClientRequest {}

    /**
     * Parses one text frame.
     *
     * @throws BadClientRequest with a message for the client when the frame is not a valid request
     */
    static ClientRequest parse(String text, int maxPatternLength) {
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (PayloadException e) {
            throw new BadClientRequest("request is not valid JSON: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw new BadClientRequest("request must be a JSON object with an \"op\" field");
        }
        JsonNode op = root.get("op");
        if (op == null || !op.isTextual()) {
            throw new BadClientRequest("request has no \"op\" text field; ops are subscribe, unsubscribe, ping");
        }
        return switch (op.asText()) {
            case "subscribe" -> new Subscribe(patterns(root, maxPatternLength));
            case "unsubscribe" -> new Unsubscribe(patterns(root, maxPatternLength));
            case "ping" -> new Ping();
            default ->
                throw new BadClientRequest("unknown op '" + op.asText() + "'; ops are subscribe, unsubscribe, ping");
        };
    }

    private static List<TopicPattern> patterns(JsonNode root, int maxPatternLength) {
        JsonNode field = root.get("patterns");
        if (field == null || !field.isArray() || field.isEmpty()) {
            throw new BadClientRequest("\"patterns\" must be a non-empty array of topic patterns, e.g. [\""
                    + MarketDataTopics.ALL_TRADES + "\"]");
        }
        if (field.size() > MAX_PATTERNS) {
            throw new BadClientRequest("at most " + MAX_PATTERNS + " patterns per request, got " + field.size());
        }
        List<TopicPattern> patterns = new ArrayList<>(field.size());
        for (JsonNode item : field) {
            if (!item.isTextual()) {
                throw new BadClientRequest("a pattern is not a string but "
                        + item.getNodeType().name().toLowerCase());
            }
            if (item.asText().length() > maxPatternLength) {
                throw new BadClientRequest("a pattern is at most " + maxPatternLength + " characters, one has "
                        + item.asText().length());
            }
            try {
                patterns.add(TopicPattern.compile(item.asText()));
            } catch (IllegalArgumentException e) {
                throw new BadClientRequest(e.getMessage());
            }
        }
        return List.copyOf(patterns);
    }

    /** A request the server cannot act on; its message goes back to the client in an error frame. */
    final class BadClientRequest extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public BadClientRequest(String message) {
            super(message);
        }
    }
}
