package dev.nautilus.app.websocket;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.codec.EnvelopeCodec;
import java.util.List;

/**
 * The JSON frames the server sends (see docs/WEBSOCKET.md). A bus message becomes one
 * {@code {"type":"message",…}} frame, encoded once whatever the number of clients it goes to; its
 * {@code payload} is the message's JSON object itself, not a string.
 */
public final class ServerFrames {

    private static final JsonStringEncoder QUOTER = JsonStringEncoder.getInstance();

    private ServerFrames() {}

    /** The frame carrying a bus message. */
    public static OutboundFrame message(Message message) {
        String payload = message.payload().json();
        StringBuilder json = new StringBuilder(160 + message.topic().length() + payload.length());
        json.append("{\"type\":\"message\",\"topic\":");
        quote(json, message.topic());
        json.append(",\"message_type\":\"")
                .append(message.type().wireName())
                .append("\",\"priority\":\"")
                .append(message.priority().wireName())
                .append("\",\"source_engine\":");
        quote(json, message.sourceEngine());
        json.append(",\"timestamp\":")
                .append(EnvelopeCodec.formatTimestamp(message.timestampMicros()))
                .append(",\"id\":");
        quote(json, message.id());
        if (message.correlationId() != null) {
            json.append(",\"correlation_id\":");
            quote(json, message.correlationId());
        }
        json.append(",\"payload\":").append(payload).append('}');
        return OutboundFrame.of(json.toString());
    }

    /** Acknowledges a subscribe request. */
    public static OutboundFrame subscribed(List<String> patterns) {
        return withPatterns("subscribed", patterns);
    }

    /** Acknowledges an unsubscribe request. */
    public static OutboundFrame unsubscribed(List<String> patterns) {
        return withPatterns("unsubscribed", patterns);
    }

    /** The periodic heartbeat, {@code time} in Unix seconds. */
    public static OutboundFrame heartbeat(long epochMicros) {
        return OutboundFrame.of("{\"type\":\"heartbeat\",\"time\":" + EnvelopeCodec.formatTimestamp(epochMicros) + "}");
    }

    /** The answer to a ping. */
    public static OutboundFrame pong() {
        return OutboundFrame.of("{\"type\":\"pong\"}");
    }

    /** Tells a client that {@code count} messages meant for it were dropped since the last notice. */
    public static OutboundFrame dropped(long count) {
        return OutboundFrame.of("{\"type\":\"dropped\",\"count\":" + count + "}");
    }

    /** Bad input; the connection stays open. */
    public static OutboundFrame error(String error) {
        StringBuilder json = new StringBuilder("{\"type\":\"error\",\"error\":");
        quote(json, error);
        return OutboundFrame.of(json.append('}').toString());
    }

    private static OutboundFrame withPatterns(String type, List<String> patterns) {
        StringBuilder json = new StringBuilder("{\"type\":\"").append(type).append("\",\"patterns\":[");
        for (int i = 0; i < patterns.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            quote(json, patterns.get(i));
        }
        return OutboundFrame.of(json.append("]}").toString());
    }

    private static void quote(StringBuilder json, String text) {
        json.append('"');
        QUOTER.quoteAsString(text, json);
        json.append('"');
    }
}
