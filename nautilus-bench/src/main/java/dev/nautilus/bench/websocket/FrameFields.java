package dev.nautilus.bench.websocket;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads the few fields the load generator needs straight from a frame's UTF-8 bytes, without
 * decoding the JSON: at 200,000 frames a second a full parse would measure the parser, not the server.
 * The frames come from our own server, whose field order and spelling are fixed (docs/WEBSOCKET.md).
 */
final class FrameFields {

    static final byte[] MESSAGE = "{\"type\":\"message\"".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SUBSCRIBED = "{\"type\":\"subscribed\"".getBytes(StandardCharsets.US_ASCII);
    static final byte[] DROPPED = "{\"type\":\"dropped\",\"count\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIMESTAMP = "\"timestamp\":".getBytes(StandardCharsets.US_ASCII);

    private FrameFields() {}

    /** Whether the frame starts with {@code prefix}. */
    static boolean startsWith(ByteBuf frame, byte[] prefix) {
        int start = frame.readerIndex();
        if (frame.readableBytes() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (frame.getByte(start + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The {@code timestamp} of a message frame (Unix seconds with up to six decimals) in
     * microseconds, or -1 when it has none.
     */
    static long timestampMicros(ByteBuf frame) {
        int at = indexOf(frame, TIMESTAMP);
        return at < 0 ? -1 : decimalMicros(frame, at + TIMESTAMP.length);
    }

    /** The whole number starting at {@code index} (e.g. a dropped frame's count). */
    static long wholeNumber(ByteBuf frame, int index) {
        long value = 0;
        int end = frame.writerIndex();
        for (int i = index; i < end; i++) {
            byte b = frame.getByte(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private static long decimalMicros(ByteBuf frame, int index) {
        long seconds = 0;
        long fraction = 0;
        int fractionDigits = 0;
        boolean inFraction = false;
        int end = frame.writerIndex();
        for (int i = index; i < end; i++) {
            byte b = frame.getByte(i);
            if (b == '.' && !inFraction) {
                inFraction = true;
            } else if (b >= '0' && b <= '9') {
                if (!inFraction) {
                    seconds = seconds * 10 + (b - '0');
                } else if (fractionDigits < 6) {
                    fraction = fraction * 10 + (b - '0');
                    fractionDigits++;
                }
            } else {
                break;
            }
        }
        for (; fractionDigits < 6; fractionDigits++) {
            fraction *= 10;
        }
        return seconds * 1_000_000L + fraction;
    }

    private static int indexOf(ByteBuf frame, byte[] needle) {
        int end = frame.writerIndex() - needle.length;
        outer:
        for (int i = frame.readerIndex(); i <= end; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (frame.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
