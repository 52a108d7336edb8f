package dev.nautilus.bus.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * How large an envelope on a stream entry may be: how many fields, and how many UTF-8 bytes each
 * field's name and value. An entry over a limit is refused whole: a transport reading raw entries
 * skips its bytes instead of keeping them, and the decoder refuses it before parsing anything.
 *
 * <p>The envelope has nine fields, each short but the payload, so the limits are generous for
 * what publishers write and small against what a crafted entry can hold (a 1 MB topic, 100,000
 * fields). Numeric fields get {@link #MAX_NUMBER_CHARS}: that, and a check of their form, is what
 * keeps a decimal parser from work that grows with its input.
 *
 * @param maxPayloadBytes the largest payload, in UTF-8 bytes (the bus's {@code max_payload_bytes})
 */
public record EnvelopeLimits(int maxPayloadBytes) {

    /** Field/value pairs an entry may have: the envelope has nine, a publisher may add a few. */
    public static final int MAX_FIELDS = 64;
    /** Longest field name. */
    public static final int MAX_NAME_BYTES = 64;
    /** Longest topic, or {@code reply_to}. */
    public static final int MAX_TOPIC_BYTES = 1024;
    /** Longest message id, or {@code correlation_id}. */
    public static final int MAX_ID_BYTES = 128;
    /** Longest {@code message_type} (the longest type name is 19 characters). */
    public static final int MAX_TYPE_BYTES = 64;
    /** Longest {@code source_engine}. */
    public static final int MAX_SOURCE_BYTES = 256;
    /** Longest number ({@code timestamp}) or enumeration name ({@code priority}). */
    public static final int MAX_NUMBER_CHARS = 32;
    /** Longest value of a field the envelope does not know. */
    public static final int MAX_OTHER_BYTES = 4096;
    /** Most messages one packed entry holds ({@link EnvelopeField#PACKED}). */
    public static final int MAX_PACKED_MESSAGES = 1000;
    /**
     * Room a packed body has beyond its largest payload: one message's other fields at their
     * limits and the framing take less than 4 KiB, so a message with the largest payload always fits.
     */
    static final int PACKED_SLACK_BYTES = 64 * 1024;
    /** A packed body may always be this long, however small the payload limit: packing small messages pays. */
    static final int MIN_PACKED_BODY_BYTES = 1 << 20;

    public EnvelopeLimits {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, was " + maxPayloadBytes);
        }
    }

    /** The longest value of the named field, in UTF-8 bytes. */
    public int maxValueBytes(String field) {
        return switch (field) {
            case EnvelopeField.PAYLOAD -> maxPayloadBytes;
            case EnvelopeField.TOPIC, EnvelopeField.REPLY_TO -> MAX_TOPIC_BYTES;
            case EnvelopeField.ID, EnvelopeField.CORRELATION_ID -> MAX_ID_BYTES;
            case EnvelopeField.MESSAGE_TYPE -> MAX_TYPE_BYTES;
            case EnvelopeField.SOURCE_ENGINE -> MAX_SOURCE_BYTES;
            case EnvelopeField.PRIORITY, EnvelopeField.TIMESTAMP, PackedField.PACKED -> MAX_NUMBER_CHARS;
            case PackedField.PACKED_BODY -> maxPackedBodyBytes();
            default -> MAX_OTHER_BYTES;
        };
    }

    /**
     * The longest {@link EnvelopeField#PACKED_BODY}: a publisher starts a new entry before this,
     * and a reader refuses a longer one whole, as any field over its limit.
     */
    public int maxPackedBodyBytes() {
        return (int) Math.min(
                Integer.MAX_VALUE - 64, Math.max((long) maxPayloadBytes + PACKED_SLACK_BYTES, MIN_PACKED_BODY_BYTES));
    }

    /**
     * The longest value of the field whose name is given as the bytes read off the wire, without
     * decoding them; a name that is not ASCII is no envelope field.
     */
    public int maxValueBytes(byte[] name) {
        return name == null ? MAX_OTHER_BYTES : maxValueBytes(name, 0, name.length);
    }

    /** {@link #maxValueBytes(byte[])} of the name at {@code offset}, {@code length} bytes long, in {@code bytes}. */
    public int maxValueBytes(byte[] bytes, int offset, int length) {
        // Looked up for every field of every entry read: by length, at most two known names
        // share one, so one or two are compared, as bytes.
        if (length < KNOWN_BY_LENGTH.length) {
            for (KnownName known : KNOWN_BY_LENGTH[length]) {
                if (Arrays.equals(bytes, offset, offset + length, known.ascii(), 0, length)) {
                    return maxValueBytes(known.name());
                }
            }
        }
        return MAX_OTHER_BYTES;
    }

    private record KnownName(String name, byte[] ascii) {}

    /** The known names, by their length. */
    private static final KnownName[][] KNOWN_BY_LENGTH =
            byLength(Stream.concat(EnvelopeField.ALL.stream(), Stream.of(PackedField.PACKED, PackedField.PACKED_BODY))
                    .toList());

    private static KnownName[][] byLength(List<String> names) {
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        KnownName[][] byLength = new KnownName[longest + 1][];
        for (int length = 0; length <= longest; length++) {
            int l = length;
            byLength[length] = names.stream()
                    .filter(name -> name.length() == l)
                    .map(name -> new KnownName(name, name.getBytes(StandardCharsets.US_ASCII)))
                    .toArray(KnownName[]::new);
        }
        return byLength;
    }

    /** Whether the bytes are exactly the ASCII text; envelope field names are ASCII. */
    public static boolean asciiEquals(byte[] bytes, String text) {
        return bytes != null && asciiEquals(bytes, 0, bytes.length, text);
    }

    /** Whether the {@code length} bytes at {@code offset} are exactly the ASCII text. */
    public static boolean asciiEquals(byte[] bytes, int offset, int length, String text) {
        if (length != text.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[offset + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The text's UTF-8 length when that is over {@code limit}, else -1. A text of at most a third
     * of the limit in chars cannot be over it (UTF-8 takes at most 3 bytes per char) and is not
     * counted: the common case costs nothing.
     */
    public static int bytesOver(String text, int limit) {
        if ((long) text.length() * 3 <= limit) {
            return -1;
        }
        if (text.length() > limit) {
            return utf8Length(text); // over whatever its characters are; counted for the message
        }
        int bytes = utf8Length(text);
        return bytes > limit ? bytes : -1;
    }

    /** UTF-8 length without allocating the encoded bytes. */
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
