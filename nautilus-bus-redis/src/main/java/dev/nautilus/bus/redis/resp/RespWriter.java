package dev.nautilus.bus.redis.resp;

import java.nio.charset.StandardCharsets;

/**
 * Encodes commands as RESP arrays of bulk strings ({@code *<n>\r\n} then {@code $<len>\r\n<bytes>\r\n}
 * per argument), into byte arrays sized exactly beforehand: the one encoder of this package, used
 * by a connection's set-up and the reader's commands ({@link #command}) and by {@link XaddEncoder},
 * which assembles its command from cached pieces with {@link #putArrayHeader} and {@link #putBulk}.
 */
final class RespWriter {

    private static final byte[] CRLF = {'\r', '\n'};

    private RespWriter() {}

    /** One whole command: the arguments as UTF-8 bulk strings in an array. */
    static byte[] command(String... arguments) {
        byte[][] payloads = new byte[arguments.length][];
        int length = arrayHeaderLength(arguments.length);
        for (int i = 0; i < arguments.length; i++) {
            payloads[i] = arguments[i].getBytes(StandardCharsets.UTF_8);
            length += bulkLength(payloads[i].length);
        }
        byte[] command = new byte[length];
        int at = putArrayHeader(command, 0, arguments.length);
        for (byte[] payload : payloads) {
            at = putBulk(command, at, payload);
        }
        return command;
    }

    /** One bulk string on its own, e.g. a constant argument to cache. */
    static byte[] bulk(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bulkLength(payload.length)];
        putBulk(out, 0, payload);
        return out;
    }

    /** Bytes of {@code *<count>\r\n}. */
    static int arrayHeaderLength(int count) {
        return 1 + decimalLength(count) + 2;
    }

    /** Bytes of a bulk string with a payload of {@code payload} bytes. */
    static int bulkLength(int payload) {
        return 1 + decimalLength(payload) + 2 + payload + 2;
    }

    /** Writes {@code *<count>\r\n} at {@code at}; returns the index after it. */
    static int putArrayHeader(byte[] target, int at, int count) {
        target[at++] = '*';
        at = putDecimal(target, at, count);
        return put(target, at, CRLF);
    }

    /** Writes {@code payload} as a bulk string at {@code at}; returns the index after it. */
    static int putBulk(byte[] target, int at, byte[] payload) {
        at = putBulkHeader(target, at, payload.length);
        at = put(target, at, payload);
        return put(target, at, CRLF);
    }

    /** Writes {@code $<length>\r\n}, the start of a bulk string whose payload is written piece by piece. */
    static int putBulkHeader(byte[] target, int at, int length) {
        target[at++] = '$';
        at = putDecimal(target, at, length);
        return put(target, at, CRLF);
    }

    /** Writes the {@code \r\n} that ends a bulk string. */
    static int putBulkEnd(byte[] target, int at) {
        return put(target, at, CRLF);
    }

    /** Copies {@code source} (e.g. pieces encoded beforehand) at {@code at}; returns the index after it. */
    static int put(byte[] target, int at, byte[] source) {
        System.arraycopy(source, 0, target, at, source.length);
        return at + source.length;
    }

    /** A length or count, never negative here: the arguments are arrays. */
    private static int putDecimal(byte[] target, int at, int value) {
        int digits = decimalLength(value);
        for (int i = at + digits - 1; i >= at; i--) {
            target[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + digits;
    }

    /** Digits of a non-negative int: compared, not divided, as it is asked for every field written. */
    private static int decimalLength(int value) {
        int digits = 1;
        for (long bound = 10; value >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }
}
