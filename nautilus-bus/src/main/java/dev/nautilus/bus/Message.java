package dev.nautilus.bus;

import java.util.Objects;

/**
 * One immutable message on a bus: {@code id}, {@code type} (decides the bus), dotted {@code topic}
 * that subscribers match with patterns, {@code sourceEngine}, {@code priority},
 * {@code timestampMicros} (publication time, microseconds since the Unix epoch), {@code payload},
 * and for request/reply the optional {@code correlationId} (the request a reply answers) and
 * {@code replyTo} (the topic a request wants its reply on).
 *
 * <p>A final class rather than a record for one reason: a generated id is formatted only when
 * first asked for, which keeps the in-memory hot path (where handlers rarely read ids) cheap. The
 * lazily formatted id is a pure function of immutable state, so the benign race on it is invisible.
 */
public final class Message {

    private String id;
    private final long sequence;
    private final MessageType type;
    private final String topic;
    private final String sourceEngine;
    private final Priority priority;
    private final long timestampMicros;
    private final Payload payload;
    private final String correlationId;
    private final String replyTo;

    /**
     * A message with every field given, as decoded from the wire.
     *
     * @throws IllegalArgumentException naming the field that is missing or invalid
     */
    public Message(
            String id,
            MessageType type,
            String topic,
            String sourceEngine,
            Priority priority,
            long timestampMicros,
            Payload payload,
            String correlationId,
            String replyTo) {
        this(
                requireText(id, "id"),
                0,
                type,
                topic,
                sourceEngine,
                priority,
                timestampMicros,
                payload,
                correlationId,
                replyTo);
    }

    private Message(
            String id,
            long sequence,
            MessageType type,
            String topic,
            String sourceEngine,
            Priority priority,
            long timestampMicros,
            Payload payload,
            String correlationId,
            String replyTo) {
        this.id = id;
        this.sequence = sequence;
        this.type = Objects.requireNonNull(type, "message field 'type' is missing");
        this.topic = Topics.requireValid(topic);
        this.sourceEngine = requireText(sourceEngine, "source_engine");
        this.priority = Objects.requireNonNull(priority, "message field 'priority' is missing");
        this.timestampMicros = timestampMicros;
        this.payload = Objects.requireNonNull(payload, "message field 'payload' is missing");
        this.correlationId = correlationId;
        this.replyTo = replyTo == null ? null : Topics.requireValid(replyTo);
    }

    /** Starts a message of the given type and topic; the rest has sensible defaults. */
    public static Builder builder(MessageType type, String topic) {
        return new Builder(type, topic);
    }

    /** Unique id, for idempotent handling. */
    public String id() {
        String value = id;
        if (value == null) {
            value = MessageIds.format(sequence);
            id = value;
        }
        return value;
    }

    /** What it is; decides the bus it travels on. */
    public MessageType type() {
        return type;
    }

    /** The dotted topic, e.g. {@code strategy.signal.ma_cross}. */
    public String topic() {
        return topic;
    }

    /** The engine that published it. */
    public String sourceEngine() {
        return sourceEngine;
    }

    /** Delivery priority. */
    public Priority priority() {
        return priority;
    }

    /** Publication time, microseconds since the Unix epoch. */
    public long timestampMicros() {
        return timestampMicros;
    }

    /** The body. */
    public Payload payload() {
        return payload;
    }

    /** For a reply, the id of the request it answers; otherwise {@code null}. */
    public String correlationId() {
        return correlationId;
    }

    /** For a request, the topic its reply should go to; otherwise {@code null}. */
    public String replyTo() {
        return replyTo;
    }

    /** The payload as the given type (see {@link Payload#as(Class)}). */
    public <T> T payloadAs(Class<T> payloadType) {
        return payload.as(payloadType);
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("message field '" + field + "' is missing or blank");
        }
        return value;
    }

    /** Messages are equal when their ids are: an id names one message. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Message that && id().equals(that.id());
    }

    @Override
    public int hashCode() {
        return id().hashCode();
    }

    @Override
    public String toString() {
        return "Message[id=" + id() + ", type=" + type.wireName() + ", topic=" + topic + ", source=" + sourceEngine
                + ", priority=" + priority.wireName() + ", timestampMicros=" + timestampMicros
                + (correlationId != null ? ", correlationId=" + correlationId : "")
                + (replyTo != null ? ", replyTo=" + replyTo : "") + "]";
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
            this.id = requireText(value, "id");
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
            String given = id != null ? id : Causation.nextDerivedId();
            return new Message(
                    given,
                    given == null ? MessageIds.nextSequence() : 0,
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
