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
import dev.nautilus.bus.Printable;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

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

    /** Longest exponent accepted: {@code 1.7323E9} is fine, {@code 1e999999} would cost seconds. */
    private static final int MAX_EXPONENT_DIGITS = 2;

    private final EnvelopeLimits limits;
    private final int maxPayloadBytes;

    /** A codec with the {@link #DEFAULT_MAX_PAYLOAD_BYTES default} payload limit. */
    public EnvelopeCodec() {
        this(DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /** A codec refusing payloads larger than the given number of UTF-8 bytes. */
    public EnvelopeCodec(int maxPayloadBytes) {
        this.limits = new EnvelopeLimits(maxPayloadBytes);
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** The bounds of the entries this codec writes and reads. */
    public EnvelopeLimits limits() {
        return limits;
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
        ByteBuffer payload = message.payload().utf8();
        if (payload.remaining() > maxPayloadBytes) {
            throw new PayloadException("payload of " + message.type().wireName() + " message " + message.id() + " is "
                    + payload.remaining() + " bytes, over the limit of " + maxPayloadBytes);
        }
        // What is written must be readable: a reader refuses an entry with a field over its limit.
        encodable(message, ID, message.id());
        encodable(message, TOPIC, message.topic());
        encodable(message, SOURCE_ENGINE, message.sourceEngine());
        encodable(message, CORRELATION_ID, message.correlationId());
        encodable(message, REPLY_TO, message.replyTo());
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

    private void encodable(Message message, String field, String value) {
        int bytes = value == null ? -1 : EnvelopeLimits.bytesOver(value, limits.maxValueBytes(field));
        if (bytes >= 0) {
            throw new PayloadException(
                    "field '" + field + "' of " + message.type().wireName() + " message " + Printable.of(message.id())
                            + " is " + bytes + " bytes, over the limit of " + limits.maxValueBytes(field));
        }
    }

    /** Receives the fields of an encoded envelope, in wire order. */
    @FunctionalInterface
    public interface FieldSink {
        void field(String name, String value);

        /**
         * A field given as UTF-8 bytes (the payload, serialised straight to them); a sink writing
         * bytes takes them as they are, the default decodes them.
         */
        default void field(String name, ByteBuffer utf8) {
            field(name, StandardCharsets.UTF_8.decode(utf8.duplicate()).toString());
        }
    }

    /**
     * The fields of a received entry, looked up by name; {@code null} for a field that is absent. A
     * source of raw bytes throws when the field's bytes are not valid UTF-8, or when it refused
     * the entry as it read it (a field over its {@link EnvelopeLimits limit}).
     */
    @FunctionalInterface
    public interface FieldSource {
        String field(String name) throws MalformedEnvelopeException;

        /**
         * The field's value as the bytes that came, not yet checked to be UTF-8, for the decoder
         * to read without a string (the payload's check reads bytes); {@code null} when absent,
         * and always from a source that holds text, which the decoder then reads through
         * {@link #field} (a crafted value is bounded there before anything is encoded). The
         * caller may keep the array but must not change it.
         */
        default byte[] bytes(String name) throws MalformedEnvelopeException {
            return null;
        }
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
        // The three fields read as values, not kept as text, are matched on their bytes first:
        // what every Nautilus publisher writes decodes without a string; anything else (another
        // case, a long timestamp, an error to report) takes the general path below.
        MessageType type =
                wireName(fields, MESSAGE_TYPE, WireValues.type(fields.bytes(MESSAGE_TYPE)), MessageType::fromWire);
        String source = required(fields, SOURCE_ENGINE);
        Priority priority = wireName(fields, PRIORITY, WireValues.priority(fields.bytes(PRIORITY)), Priority::fromWire);
        long timestamp = WireValues.plainTimestamp(fields.bytes(TIMESTAMP));
        if (timestamp < 0) {
            timestamp = parseTimestamp(required(fields, TIMESTAMP));
        }
        byte[] payloadBytes = fields.bytes(PAYLOAD);
        Payload payload;
        try {
            payload = payloadBytes != null
                    ? Payload.utf8(checked(PAYLOAD, payloadBytes))
                    : Payload.json(required(fields, PAYLOAD));
        } catch (PayloadException e) {
            throw new MalformedEnvelopeException(PAYLOAD, e.getMessage());
        }
        String id = optional(fields, ID, fallbackId);
        if (id == null || id.isBlank()) {
            throw new MalformedEnvelopeException(ID, "is missing and no fallback id was given");
        }
        String topic = optional(fields, TOPIC, type.wireName());
        if (!Topics.isValid(topic)) {
            throw new MalformedEnvelopeException(TOPIC, Printable.of(topic) + " is not a valid topic");
        }
        String replyTo = bounded(fields, REPLY_TO);
        if (replyTo != null && !Topics.isValid(replyTo)) {
            throw new MalformedEnvelopeException(REPLY_TO, Printable.of(replyTo) + " is not a valid topic");
        }
        return new Message(
                id, type, topic, source, priority, timestamp, payload, bounded(fields, CORRELATION_ID), replyTo);
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
     * integer, or scientific notation) into microseconds, rounding half up. The text is refused by
     * its length and form before any decimal arithmetic: {@code 1e999999} or a million digits
     * would cost a {@code BigDecimal} seconds.
     */
    public static long parseTimestamp(String text) throws MalformedEnvelopeException {
        if (text.length() > EnvelopeLimits.MAX_NUMBER_CHARS) {
            throw new MalformedEnvelopeException(
                    TIMESTAMP,
                    "is " + text.length() + " characters, over the limit of " + EnvelopeLimits.MAX_NUMBER_CHARS + ": "
                            + Printable.of(text));
        }
        long plain = WireValues.plainTimestamp(text.getBytes(StandardCharsets.ISO_8859_1));
        if (plain >= 0) {
            return plain;
        }
        String trimmed = text.trim();
        if (!isDecimal(trimmed)) {
            throw new MalformedEnvelopeException(
                    TIMESTAMP, "is not a decimal number of Unix seconds: " + Printable.of(text));
        }
        try {
            BigDecimal seconds = new BigDecimal(trimmed);
            if (seconds.signum() < 0) {
                throw new MalformedEnvelopeException(TIMESTAMP, "is negative: " + Printable.of(text));
            }
            return seconds.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new MalformedEnvelopeException(
                    TIMESTAMP, "is not a decimal number of Unix seconds: " + Printable.of(text));
        }
    }

    /**
     * Whether the text is a decimal in the form {@link BigDecimal} parses cheaply: an optional
     * sign, digits with at most one point (at least one digit), then optionally {@code e} or
     * {@code E}, a sign and at most {@link #MAX_EXPONENT_DIGITS} digits. Checked by hand, not by a
     * regular expression, so the check itself is one pass.
     */
    static boolean isDecimal(String text) {
        int i = 0;
        int length = text.length();
        if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        boolean point = false;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i == length) {
            return true;
        }
        char e = text.charAt(i++);
        if (e != 'e' && e != 'E') {
            return false;
        }
        if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int exponentDigits = length - i;
        if (exponentDigits < 1 || exponentDigits > MAX_EXPONENT_DIGITS) {
            return false;
        }
        for (; i < length; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The field, refused when it is over its limit: nothing is parsed from an over-long value. */
    private String bounded(FieldSource fields, String name) throws MalformedEnvelopeException {
        String value = fields.field(name);
        if (value != null) {
            int limit = limits.maxValueBytes(name);
            int bytes = EnvelopeLimits.bytesOver(value, limit);
            if (bytes >= 0) {
                throw new MalformedEnvelopeException(name, "is " + bytes + " bytes, over the limit of " + limit);
            }
        }
        return value;
    }

    private String required(FieldSource fields, String name) throws MalformedEnvelopeException {
        String value = bounded(fields, name);
        if (value == null) {
            throw new MalformedEnvelopeException(name, "is missing");
        }
        if (value.isBlank()) {
            throw new MalformedEnvelopeException(name, "is blank");
        }
        return value;
    }

    /**
     * The value of an enumeration field: {@code matched} when its bytes were an exact wire name,
     * else the field's text read by {@code fromWire}, whose refusal names the field.
     */
    private <T> T wireName(FieldSource fields, String name, T matched, Function<String, T> fromWire)
            throws MalformedEnvelopeException {
        if (matched != null) {
            return matched;
        }
        try {
            return fromWire.apply(required(fields, name));
        } catch (IllegalArgumentException e) {
            throw new MalformedEnvelopeException(name, e.getMessage());
        }
    }

    /** {@link #required}'s bound and blank checks of a field read as bytes. */
    private byte[] checked(String name, byte[] value) throws MalformedEnvelopeException {
        int limit = limits.maxValueBytes(name);
        if (value.length > limit) {
            throw new MalformedEnvelopeException(name, "is " + value.length + " bytes, over the limit of " + limit);
        }
        if (blank(value)) {
            throw new MalformedEnvelopeException(name, "is blank");
        }
        return value;
    }

    /** Whether the bytes are empty or only whitespace as {@link String#isBlank()} sees it, Unicode spaces aside. */
    private static boolean blank(byte[] value) {
        for (byte b : value) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0b && (b < 0x1c || b > 0x1f)) {
                return false;
            }
        }
        return true;
    }

    private String optional(FieldSource fields, String name, String fallback) throws MalformedEnvelopeException {
        String value = bounded(fields, name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
