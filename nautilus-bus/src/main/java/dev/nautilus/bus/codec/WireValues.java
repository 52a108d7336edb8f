package dev.nautilus.bus.codec;

import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The envelope's value fields read straight from the bytes that came, in the one form every
 * Nautilus publisher writes them: a type's or priority's wire name exactly, a timestamp as digits
 * with at most six decimals. Anything else gives {@code null} or -1, and the decoder takes the
 * general path (other cases, scientific notation, the error to report).
 */
final class WireValues {

    private static final MessageType[] TYPES = MessageType.values();
    private static final byte[][] TYPE_NAMES =
            Stream.of(TYPES).map(type -> ascii(type.wireName())).toArray(byte[][]::new);
    private static final Priority[] PRIORITIES = Priority.values();
    private static final byte[][] PRIORITY_NAMES =
            Stream.of(PRIORITIES).map(priority -> ascii(priority.wireName())).toArray(byte[][]::new);
    /** Twelve integer digits, a point and six decimals. */
    private static final int MAX_PLAIN_TIMESTAMP = 19;

    private WireValues() {}

    /** The type whose wire name the bytes are, exactly; {@code null} for anything else. */
    static MessageType type(byte[] bytes) {
        int k = indexOf(TYPE_NAMES, bytes);
        return k < 0 ? null : TYPES[k];
    }

    /** The priority whose wire name the bytes are, exactly; {@code null} for anything else. */
    static Priority priority(byte[] bytes) {
        int k = indexOf(PRIORITY_NAMES, bytes);
        return k < 0 ? null : PRIORITIES[k];
    }

    /**
     * Digits with at most six decimals (what {@link EnvelopeCodec#formatTimestamp} writes), in
     * microseconds, without allocating; -1 for anything else or {@code null}.
     */
    static long plainTimestamp(byte[] text) {
        if (text == null || text.length > MAX_PLAIN_TIMESTAMP) {
            return -1;
        }
        int length = text.length;
        int point = -1;
        for (int i = 0; i < length && point < 0; i++) {
            if (text[i] == '.') {
                point = i;
            }
        }
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
            byte c = text[i];
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

    private static int indexOf(byte[][] names, byte[] bytes) {
        if (bytes != null) {
            for (int k = 0; k < names.length; k++) {
                if (Arrays.equals(names[k], bytes)) {
                    return k;
                }
            }
        }
        return -1;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
