package dev.nautilus.bus;

import java.util.Objects;

/**
 * One immutable message on a bus.
 *
 * @param id              unique id, for idempotent handling
 * @param type            what it is; decides the bus it travels on
 * @param topic           dotted topic that subscribers match with patterns, e.g. {@code strategy.signal.ma_cross}
 * @param sourceEngine    the engine that published it
 * @param priority        delivery priority
 * @param timestampMicros publication time, microseconds since the Unix epoch
 * @param payload         the body
 * @param correlationId   for a reply, the id of the request it answers; otherwise {@code null}
 * @param replyTo         for a request, the topic its reply should be published on; otherwise {@code null}
 */
public record Message(
        String id,
        MessageType type,
        String topic,
        String sourceEngine,
        Priority priority,
        long timestampMicros,
        Payload payload,
        String correlationId,
        String replyTo) {

    public Message {
        requireText(id, "id");
        Objects.requireNonNull(type, "type");
        Topics.requireValid(topic);
        requireText(sourceEngine, "source_engine");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(payload, "payload");
        if (replyTo != null) {
            Topics.requireValid(replyTo);
        }
    }

    /** Starts a message of the given type and topic; the rest has sensible defaults. */
    public static Builder builder(MessageType type, String topic) {
        return new Builder(type, topic);
    }

    /** The payload as the given type (see {@link Payload#as(Class)}). */
    public <T> T payloadAs(Class<T> payloadType) {
        return payload.as(payloadType);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("message field '" + field + "' is missing or blank");
        }
    }

    /** Builds a {@link Message}; {@code id} and {@code timestamp} default to fresh values. */
    public static final class Builder {
        private final MessageType type;
        private final String topic;
        private String id;
        private String sourceEngine = "unknown";
        private Priority priority = Priority.NORMAL;
        private long timestampMicros = Long.MIN_VALUE;
        private Payload payload = Payload.empty();
        private String correlationId;
        private String replyTo;

        private Builder(MessageType type, String topic) {
            this.type = type;
            this.topic = topic;
        }

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder source(String engine) {
            this.sourceEngine = engine;
            return this;
        }

        public Builder priority(Priority value) {
            this.priority = value;
            return this;
        }

        public Builder timestampMicros(long value) {
            this.timestampMicros = value;
            return this;
        }

        /** The body: any value {@link Payload#of(Object)} accepts. */
        public Builder payload(Object value) {
            this.payload = Payload.of(value);
            return this;
        }

        public Builder correlationId(String value) {
            this.correlationId = value;
            return this;
        }

        public Builder replyTo(String topicForReply) {
            this.replyTo = topicForReply;
            return this;
        }

        public Message build() {
            return new Message(
                    id != null ? id : MessageIds.next(),
                    type,
                    topic,
                    sourceEngine,
                    priority,
                    timestampMicros != Long.MIN_VALUE ? timestampMicros : MicroClock.nowMicros(),
                    payload,
                    correlationId,
                    replyTo);
        }
    }
}
