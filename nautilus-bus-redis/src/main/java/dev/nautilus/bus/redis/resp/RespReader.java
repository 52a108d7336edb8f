package dev.nautilus.bus.redis.resp;

import io.lettuce.core.RedisCommandExecutionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses RESP2 replies from a socket's input, with a buffer of its own: a BufferedInputStream takes
 * a lock on every one-byte read, and reply parsing is byte by byte. An error reply is thrown as
 * {@link RedisCommandExecutionException} with Redis's message; at the top level the reply is then
 * fully read and the next one can follow (an error nested in an array, which none of the commands
 * sent here returns, would leave the stream out of step). A reply of an unexpected shape is thrown
 * as {@link MalformedReplyException}, after which the stream is out of step and must be dropped.
 *
 * <p>What a reply announces is checked before anything is allocated for it: a length or count
 * must be {@code -1} (nil) or a decimal number within the reader's bounds ({@code maxBulkLength}
 * bytes for a bulk string or a simple line, {@code maxArrayLength} elements for an array), or the
 * reply is malformed. A bulk string's array then grows with the bytes that actually arrive, so a
 * peer announcing a large string and sending little costs little; one refused for its size by the
 * caller (a stream entry's value over its bound) is skipped, its bytes read and dropped as they
 * come. Input that ends mid-reply throws {@link EOFException}.
 */
final class RespReader {

    /** As Redis's own {@code proto-max-bulk-len} default: no bulk string Redis accepts is longer. */
    static final int DEFAULT_MAX_BULK_LENGTH = 512 * 1024 * 1024;
    /**
     * Far above any reply these sockets get ({@code XREADGROUP} returns {@code COUNT} entries of a
     * dozen fields), and small enough that an array of references sized by it stays below 128 MiB.
     */
    static final int DEFAULT_MAX_ARRAY_LENGTH = 16 * 1024 * 1024;

    /** A reply that is not what the command returns, or not RESP: the connection is out of step. */
    static final class MalformedReplyException extends IOException {
        MalformedReplyException(String message) {
            super(message);
        }
    }

    /** What a decimal in a reply may be, and what to say when it is not. */
    private record Decimal(String subject, long lowest, long highest, String tooLow, String tooHigh) {
        static Decimal length(String what, int max, String unit) {
            return new Decimal(
                    "the length of " + what,
                    -1,
                    max,
                    "the length of " + what + " is negative, and only -1 (nil) may be",
                    what + " announced with more than the limit of " + max + " " + unit);
        }
    }

    private static final Decimal INTEGER = new Decimal(
            "an integer", Long.MIN_VALUE, Long.MAX_VALUE, "an integer beyond 64 bits", "an integer beyond 64 bits");

    private final InputStream in;
    private final int maxBulkLength;
    private final Decimal bulkLength;
    private final Decimal arrayLength;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean inReply;

    RespReader(InputStream in) {
        this(in, DEFAULT_MAX_BULK_LENGTH, DEFAULT_MAX_ARRAY_LENGTH);
    }

    /**
     * @param maxBulkLength  the longest bulk string (and simple string or error line) accepted, in bytes
     * @param maxArrayLength the most elements an array may announce
     */
    RespReader(InputStream in, int maxBulkLength, int maxArrayLength) {
        if (maxBulkLength < 0 || maxArrayLength < 0) {
            throw new IllegalArgumentException("negative bound: bulk " + maxBulkLength + ", array " + maxArrayLength);
        }
        this.in = in;
        this.maxBulkLength = maxBulkLength;
        this.bulkLength = Decimal.length("a bulk string", maxBulkLength, "bytes");
        this.arrayLength = Decimal.length("an array", maxArrayLength, "elements");
    }

    /** The type byte of the next reply ({@code + : $ *}); an error reply is thrown instead. */
    int readType() throws IOException {
        int type = read();
        if (type == '-') {
            throw new RedisCommandExecutionException(readLine());
        }
        return type;
    }

    /** The rest of a line after its type byte, as text: a simple string or an error. */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder(32);
        for (int c = read(); c != '\r'; c = read()) {
            if (line.length() == maxBulkLength) {
                throw new MalformedReplyException("a line longer than the limit of " + maxBulkLength + " bytes");
            }
            line.append((char) c);
        }
        endOfLine();
        return line.toString();
    }

    /** The next reply, which must be an integer. */
    long readInteger() throws IOException {
        expect(readType(), ':', "an integer");
        return readDecimal(INTEGER);
    }

    /** The next reply, which must be an array; its length, -1 for nil. */
    int readArrayLength() throws IOException {
        expect(readType(), '*', "an array");
        return (int) readDecimal(arrayLength);
    }

    /** The next reply, which must be a bulk string; its bytes, {@code null} for nil. */
    byte[] readBulk() throws IOException {
        expect(readType(), '$', "a bulk string");
        return readBulkBody();
    }

    /**
     * The next reply, which must be a bulk string: its announced length, -1 for nil, checked
     * against the reader's bound. Its bytes follow: {@link #readBulkContent} or {@link #skipBulkContent}.
     */
    int readBulkLength() throws IOException {
        expect(readType(), '$', "a bulk string");
        return (int) readDecimal(bulkLength);
    }

    /**
     * Reads the rest of a bulk string of the given length but keeps only its first {@code keep}
     * bytes: the rest is read and dropped as it comes, so that a value refused for its size costs
     * no memory for its size.
     */
    byte[] skipBulkContent(int length, int keep) throws IOException {
        byte[] kept = new byte[Math.min(length, keep)];
        int copied = 0;
        long remaining = length;
        while (remaining > 0) {
            if (position == limit) {
                fill();
            }
            int chunk = (int) Math.min(remaining, limit - position);
            int keeping = Math.min(chunk, kept.length - copied);
            System.arraycopy(buffer, position, kept, copied, keeping);
            copied += keeping;
            position += chunk;
            remaining -= chunk;
        }
        endOfBulk();
        return kept;
    }

    /** A bulk string reply as text. */
    String readText() throws IOException {
        byte[] bytes = readBulk();
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Reads one whole top-level reply of any shape and discards it; an error reply is thrown. When
     * it fails with a timeout, {@link #inReply()} tells whether part of the reply was consumed.
     */
    void skipWholeReply() throws IOException {
        inReply = false;
        if (position == limit) {
            fill(); // a timeout here leaves the stream at a reply boundary
        }
        inReply = true;
        skipReply();
        inReply = false;
    }

    /** Whether the last {@link #skipWholeReply} stopped inside a reply: the stream is then out of step. */
    boolean inReply() {
        return inReply;
    }

    private void skipReply() throws IOException {
        int type = readType();
        switch (type) {
            case '+' -> readLine();
            case ':' -> readDecimal(INTEGER);
            case '$' -> {
                int length = (int) readDecimal(bulkLength);
                if (length >= 0) {
                    skipBulkContent(length, 0);
                }
            }
            case '*' -> {
                long count = readDecimal(arrayLength);
                for (long i = 0; i < count; i++) {
                    skipReply();
                }
            }
            default -> throw new MalformedReplyException("unknown reply type " + describe(type));
        }
    }

    /** Skips one reply of any shape, keeping nothing of it; an error reply is thrown. */
    void skipNext() throws IOException {
        skipReply();
    }

    private byte[] readBulkBody() throws IOException {
        int length = (int) readDecimal(bulkLength);
        return length < 0 ? null : readBulkContent(length);
    }

    /** The bytes of a bulk string whose length {@link #readBulkLength} returned (not nil). */
    byte[] readBulkContent(int length) throws IOException {
        // Sized by what has arrived, not by what was announced: grown as the bytes come.
        byte[] bytes = new byte[Math.min(length, buffer.length)];
        int copied = 0;
        while (copied < length) {
            if (position == limit) {
                fill();
            }
            if (copied == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(length, 2L * bytes.length));
            }
            int chunk = Math.min(bytes.length - copied, limit - position);
            System.arraycopy(buffer, position, bytes, copied, chunk);
            position += chunk;
            copied += chunk;
        }
        endOfBulk();
        return bytes;
    }

    private void endOfBulk() throws IOException {
        if (read() != '\r' || read() != '\n') {
            throw new MalformedReplyException("a bulk string longer than announced");
        }
    }

    /**
     * A signed decimal ending its line, after the type byte, within {@code kind}'s range: refused
     * as soon as it leaves it, before the rest of its digits. Accumulated negatively, so that
     * {@code Long.MIN_VALUE} is reachable too.
     */
    private long readDecimal(Decimal kind) throws IOException {
        int c = read();
        boolean negative = c == '-';
        if (negative) {
            c = read();
        }
        long bound = negative ? kind.lowest() : -kind.highest();
        long value = 0;
        int digits = 0;
        for (; c != '\r'; c = read()) {
            if (c < '0' || c > '9') {
                throw new MalformedReplyException(kind.subject() + " has " + describe(c) + " in it");
            }
            try {
                value = Math.subtractExact(Math.multiplyExact(value, 10), c - '0');
            } catch (ArithmeticException beyond64Bits) {
                value = Long.MIN_VALUE;
                bound = 0; // out of range whatever the kind
            }
            if (value < bound) {
                throw new MalformedReplyException(negative ? kind.tooLow() : kind.tooHigh());
            }
            digits++;
        }
        if (digits == 0) {
            throw new MalformedReplyException(kind.subject() + " has no digits");
        }
        endOfLine();
        return negative ? value : -value;
    }

    /** The '\n' after a line's '\r'. */
    private void endOfLine() throws IOException {
        int c = read();
        if (c != '\n') {
            throw new MalformedReplyException("a line ending in '\\r' then " + describe(c) + " instead of '\\n'");
        }
    }

    private static void expect(int type, char wanted, String what) throws MalformedReplyException {
        if (type != wanted) {
            throw new MalformedReplyException("expected " + what + ", got type " + describe(type));
        }
    }

    /** A byte of the input as a message shows it: the character if printable, else its code. */
    private static String describe(int c) {
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    }

    private int read() throws IOException {
        if (position == limit) {
            fill();
        }
        return buffer[position++] & 0xff;
    }

    private void fill() throws IOException {
        int count = in.read(buffer, 0, buffer.length);
        if (count < 0) {
            throw new EOFException("connection closed by Redis");
        }
        if (count == 0) {
            // an InputStream blocks until it has a byte: one that does not would make this spin
            throw new IOException("a read of the reply stream returned no bytes");
        }
        position = 0;
        limit = count;
    }
}
