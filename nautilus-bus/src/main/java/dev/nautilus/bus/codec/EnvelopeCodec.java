package dev.nautilus.bus.codec;

import static dev.nautilus.bus.codec.EnvelopeField.CORRELATION_ID;
import static dev.nautilus.bus.codec.EnvelopeField.ID;
import static dev.nautilus.bus.codec.EnvelopeField.MESSAGE_TYPE;
import static dev.nautilus.bus.codec.EnvelopeField.PAYLOAD;
import static dev.nautilus.bus.codec.EnvelopeField.PRIORITY;
import static dev.nautilus.bus.codec.EnvelopeField.REPLY_TO;
import static dev.nautilus.bus.codec.EnvelopeField.SOURCE_ENGINE;
import static dev.nautilus.bus.codec.EnvelopeField.TIMESTAMP;
import static dev.nautilus.bus.codec.EnvelopeField.TOPIC;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Payload;
import dev.nautilus.bus.PayloadException;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns messages into stream-entry fields and back, in the seed's wire format:
 * {@code message_type} (lower-case type), {@code source_engine}, {@code payload} (JSON text),
 * {@code priority} (lower-case name), {@code timestamp} (Unix seconds as a decimal number), plus our
 * {@code id}, {@code topic}, {@code correlation_id} and {@code reply_to}.
 *
 * <p>Decoding accepts what a seed-style Python publisher writes: without {@code topic} the topic is
 * the type's wire name, without {@code id} the caller's fallback (the stream entry id) is used.
 */
public final class EnvelopeCodec {

    /** Default upper bound of a payload's UTF-8 size. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1 << 20;

    private final int maxPayloadBytes;

    /** A codec with the {@link #DEFAULT_MAX_PAYLOAD_BYTES default} payload limit. */
    public EnvelopeCodec() {
        this(DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /** A codec refusing payloads larger than the given number of UTF-8 bytes. */
    public EnvelopeCodec(int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, was " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Encodes a message; the payload is serialised here, once.
     *
     * @throws PayloadException when the payload exceeds the size limit or cannot be serialised
     */
    public Map<String, String> encode(Message message) {
        Map<String, String> fields = new LinkedHashMap<>(16);
        encode(message, fields::put);
        return fields;
    }

    /**
     * Encodes a message field by field, in wire order, into the given sink; a transport that
     * writes its own protocol bytes uses this to skip the intermediate map.
     *
     * @throws PayloadException when the payload exceeds the size limit or cannot be serialised
     */
    public void encode(Message message, FieldSink sink) {
        String payload = message.payload().json();
        int bytes = bytesOverLimit(payload);
        if (bytes >= 0) {
            throw new PayloadException("payload of " + message.type().wireName() + " message " + message.id() + " is "
                    + bytes + " bytes, over the limit of " + maxPayloadBytes);
        }
        sink.field(MESSAGE_TYPE, message.type().wireName());
        sink.field(SOURCE_ENGINE, message.sourceEngine());
        sink.field(PAYLOAD, payload);
        sink.field(PRIORITY, message.priority().wireName());
        sink.field(TIMESTAMP, formatTimestamp(message.timestampMicros()));
        sink.field(ID, message.id());
        sink.field(TOPIC, message.topic());
        if (message.correlationId() != null) {
            sink.field(CORRELATION_ID, message.correlationId());
        }
        if (message.replyTo() != null) {
            sink.field(REPLY_TO, message.replyTo());
        }
    }

    /** Receives the fields of an encoded envelope, in wire order. */
    @FunctionalInterface
    public interface FieldSink {
        void field(String name, String value);
    }

    /** The fields of a received entry, looked up by name; {@code null} for a field that is absent. */
    @FunctionalInterface
    public interface FieldSource {
        String field(String name);
    }

    /**
     * Decodes stream-entry fields.
     *
     * @param fields     the entry's fields
     * @param fallbackId the id to use when the entry has none (seed publishers send none), e.g. the entry id
     * @throws MalformedEnvelopeException naming the first field that is missing or bad
     */
    public Message decode(Map<String, String> fields, String fallbackId) throws MalformedEnvelopeException {
        return decode((FieldSource) fields::get, fallbackId);
    }

    /**
     * Decodes an entry whose fields are looked up through {@code fields}.
     *
     * @param fallbackId the id to use when the entry has none (seed publishers send none), e.g. the entry id
     * @throws MalformedEnvelopeException naming the first field that is missing or bad
     */
    public Message decode(FieldSource fields, String fallbackId) throws MalformedEnvelopeException {
        MessageType type;
        try {
            type = MessageType.fromWire(required(fields, MESSAGE_TYPE));
        } catch (IllegalArgumentException e) {
            throw new MalformedEnvelopeException(MESSAGE_TYPE, e.getMessage());
        }
        String source = required(fields, SOURCE_ENGINE);
        Priority priority;
        try {
            priority = Priority.fromWire(required(fields, PRIORITY));
        } catch (IllegalArgumentException e) {
            throw new MalformedEnvelopeException(PRIORITY, e.getMessage());
        }
        long timestamp = parseTimestamp(required(fields, TIMESTAMP));
        String payloadText = required(fields, PAYLOAD);
        int bytes = bytesOverLimit(payloadText);
        if (bytes >= 0) {
            throw new MalformedEnvelopeException(
                    PAYLOAD, "is " + bytes + " bytes, over the limit of " + maxPayloadBytes);
        }
        Payload payload;
        try {
            payload = Payload.json(payloadText);
        } catch (PayloadException e) {
            throw new MalformedEnvelopeException(PAYLOAD, e.getMessage());
        }
        String id = optional(fields, ID, fallbackId);
        if (id == null || id.isBlank()) {
            throw new MalformedEnvelopeException(ID, "is missing and no fallback id was given");
        }
        String topic = optional(fields, TOPIC, type.wireName());
        if (!Topics.isValid(topic)) {
            throw new MalformedEnvelopeException(TOPIC, "'" + topic + "' is not a valid topic");
        }
        String replyTo = fields.field(REPLY_TO);
        if (replyTo != null && !Topics.isValid(replyTo)) {
            throw new MalformedEnvelopeException(REPLY_TO, "'" + replyTo + "' is not a valid topic");
        }
        return new Message(
                id, type, topic, source, priority, timestamp, payload, fields.field(CORRELATION_ID), replyTo);
    }

    /** Formats microseconds since the epoch as Unix seconds with six decimals, e.g. {@code 1732300000.000123}. */
    public static String formatTimestamp(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        long fraction = Math.floorMod(micros, 1_000_000L);
        String digits = Long.toString(fraction);
        return seconds + "." + "000000".substring(digits.length()) + digits;
    }

    /**
     * Parses Unix seconds written as a decimal number (Python's {@code str(time.time())}, an
     * integer, or scientific notation) into microseconds, rounding half up.
     */
    public static long parseTimestamp(String text) throws MalformedEnvelopeException {
        long plain = parsePlainTimestamp(text);
        if (plain >= 0) {
            return plain;
        }
        try {
            BigDecimal seconds = new BigDecimal(text.trim());
            if (seconds.signum() < 0) {
                throw new MalformedEnvelopeException(TIMESTAMP, "is negative: '" + text + "'");
            }
            return seconds.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new MalformedEnvelopeException(TIMESTAMP, "is not a decimal number of Unix seconds: '" + text + "'");
        }
    }

    /**
     * The common form, digits with at most six decimals (what every Nautilus publisher writes), in
     * microseconds without allocating; -1 for anything else, which the general parser then handles.
     */
    private static long parsePlainTimestamp(String text) {
        int length = text.length();
        int point = text.indexOf('.');
        int integerDigits = point < 0 ? length : point;
        int decimals = point < 0 ? 0 : length - point - 1;
        if (integerDigits == 0 || integerDigits > 12 || (point >= 0 && (decimals == 0 || decimals > 6))) {
            return -1;
        }
        long micros = 0;
        for (int i = 0; i < length; i++) {
            if (i == point) {
                continue;
            }
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            micros = micros * 10 + (c - '0');
        }
        for (int d = decimals; d < 6; d++) {
            micros *= 10;
        }
        return micros;
    }

    private static String required(FieldSource fields, String name) throws MalformedEnvelopeException {
        String value = fields.field(name);
        if (value == null) {
            throw new MalformedEnvelopeException(name, "is missing");
        }
        if (value.isBlank()) {
            throw new MalformedEnvelopeException(name, "is blank");
        }
        return value;
    }

    private static String optional(FieldSource fields, String name, String fallback) {
        String value = fields.field(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** UTF-8 length without allocating the encoded bytes. */
    /**
     * The text's UTF-8 length when that is over the payload limit, else -1. A text of at most a
     * third of the limit in chars cannot be over it (UTF-8 takes at most 3 bytes per char) and is
     * not counted: the common case costs nothing.
     */
    private int bytesOverLimit(String text) {
        if ((long) text.length() * 3 <= maxPayloadBytes) {
            return -1;
        }
        int bytes = utf8Length(text);
        return bytes > maxPayloadBytes ? bytes : -1;
    }

    static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
