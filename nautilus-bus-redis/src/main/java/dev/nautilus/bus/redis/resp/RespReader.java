package dev.nautilus.bus.redis.resp;

import io.lettuce.core.RedisCommandExecutionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Parses RESP2 replies from a socket's input, with a buffer of its own: a BufferedInputStream takes
 * a lock on every one-byte read, and reply parsing is byte by byte. An error reply is thrown as
 * {@link RedisCommandExecutionException} with Redis's message; at the top level the reply is then
 * fully read and the next one can follow (an error nested in an array, which none of the commands
 * sent here returns, would leave the stream out of step). A reply of an unexpected shape is thrown
 * as {@link MalformedReplyException}, after which the stream is out of step and must be dropped.
 */
final class RespReader {

    /** A reply that is not what the command returns: the connection is out of step. */
    static final class MalformedReplyException extends IOException {
        MalformedReplyException(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean inReply;

    RespReader(InputStream in) {
        this.in = in;
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
            line.append((char) c);
        }
        read(); // '\n'
        return line.toString();
    }

    /** The next reply, which must be an array; its length, -1 for nil. */
    int readArrayLength() throws IOException {
        expect(readType(), '*', "an array");
        return Math.toIntExact(readNumber());
    }

    /** The next reply, which must be a bulk string; its bytes, {@code null} for nil. */
    byte[] readBulk() throws IOException {
        expect(readType(), '$', "a bulk string");
        return readBulkBody();
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
            case '+', ':' -> readLine();
            case '$' -> readBulkBody();
            case '*' -> {
                long count = readNumber();
                for (long i = 0; i < count; i++) {
                    skipReply();
                }
            }
            default -> throw new MalformedReplyException("unknown reply type '" + (char) type + "'");
        }
    }

    private byte[] readBulkBody() throws IOException {
        int length = Math.toIntExact(readNumber());
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        int copied = 0;
        while (copied < length) {
            if (position == limit) {
                fill();
            }
            int chunk = Math.min(length - copied, limit - position);
            System.arraycopy(buffer, position, bytes, copied, chunk);
            position += chunk;
            copied += chunk;
        }
        if (read() != '\r' || read() != '\n') {
            throw new MalformedReplyException("a bulk string longer than announced");
        }
        return bytes;
    }

    /** A decimal number ending its line, after the type byte: an integer reply or a length (-1 is nil). */
    private long readNumber() throws IOException {
        int c = read();
        boolean negative = c == '-';
        if (negative) {
            c = read();
        }
        long value = 0;
        for (; c != '\r'; c = read()) {
            if (c < '0' || c > '9') {
                throw new MalformedReplyException("a number with '" + (char) c + "' in it");
            }
            value = value * 10 + (c - '0');
        }
        read(); // '\n'
        return negative ? -value : value;
    }

    private static void expect(int type, char wanted, String what) throws MalformedReplyException {
        if (type != wanted) {
            throw new MalformedReplyException("expected " + what + ", got type '" + (char) type + "'");
        }
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
        position = 0;
        limit = count;
    }
}
