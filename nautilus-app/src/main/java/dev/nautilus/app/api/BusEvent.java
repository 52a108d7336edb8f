package dev.nautilus.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.bus.Message;

/**
 * One message as the API and the dashboard show it: the envelope fields the WebSocket engine sends
 * ({@code message_type}, {@code priority} in wire form, {@code timestamp} in Unix seconds) and the
 * payload as JSON.
 */
public record BusEvent(
        String id,
        String topic,
        String messageType,
        String priority,
        String sourceEngine,
        double timestamp,
        JsonNode payload) {

    static BusEvent of(Message message) {
        return new BusEvent(
                message.id(),
                message.topic(),
                message.type().wireName(),
                message.priority().wireName(),
                message.sourceEngine(),
                message.timestampMicros() / 1e6,
                message.payload().tree());
    }
}
