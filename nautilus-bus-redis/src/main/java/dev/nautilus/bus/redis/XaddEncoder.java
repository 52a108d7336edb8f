package dev.nautilus.bus.redis;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.codec.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes {@code XADD <stream> MAXLEN ~ <n> * <field> <value> …} as finished RESP bytes on the
 * publishing thread. Lettuce would otherwise build an argument object per field and encode them
 * one by one on its event loop, the thread every publisher and reader of the process shares; here
 * the event loop only copies one array. The constant head of each stream's command is cached.
 */
final class XaddEncoder {

    private static final byte[] CRLF = {'\r', '\n'};
    /** XADD, key, MAXLEN, ~, n, * — then two arguments per field. */
    private static final int HEAD_ARGUMENTS = 6;

    private static final int MAX_FIELDS = 16;

    private final EnvelopeCodec codec;
    private final byte[] trimArguments;
    private final ConcurrentHashMap<String, byte[]> heads = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, byte[]> fieldNames = new ConcurrentHashMap<>();

    XaddEncoder(EnvelopeCodec codec, long maxLen) {
        this.codec = codec;
        this.trimArguments = concat(bulk("MAXLEN"), bulk("~"), bulk(Long.toString(maxLen)), bulk("*"));
    }

    /**
     * The complete command for one message.
     *
     * @throws dev.nautilus.bus.PayloadException when the payload is too large or cannot be serialised
     */
    byte[] encode(String stream, Message message) {
        Fields fields = new Fields();
        codec.encode(message, fields);
        byte[] head = heads.computeIfAbsent(stream, s -> concat(bulk("XADD"), bulk(s), trimArguments));
        byte[] count = ("*" + (HEAD_ARGUMENTS + 2 * fields.size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int length = count.length + head.length;
        for (int i = 0; i < fields.size; i++) {
            length += fields.names[i].length + bulkLength(fields.values[i].length);
        }
        byte[] command = new byte[length];
        int at = put(command, 0, count);
        at = put(command, at, head);
        for (int i = 0; i < fields.size; i++) {
            at = put(command, at, fields.names[i]);
            at = putBulk(command, at, fields.values[i]);
        }
        return command;
    }

    /** Collects the envelope's fields as bytes; field names come pre-encoded from the cache. */
    private final class Fields implements EnvelopeCodec.FieldSink {
        final byte[][] names = new byte[MAX_FIELDS][];
        final byte[][] values = new byte[MAX_FIELDS][];
        int size;

        @Override
        public void field(String name, String value) {
            names[size] = fieldNames.computeIfAbsent(name, XaddEncoder::bulk);
            values[size] = value.getBytes(StandardCharsets.UTF_8);
            size++;
        }
    }

    private static int bulkLength(int payload) {
        return 1 + stringSize(payload) + 2 + payload + 2;
    }

    private static int putBulk(byte[] target, int at, byte[] payload) {
        target[at++] = '$';
        at = putDecimal(target, at, payload.length);
        at = put(target, at, CRLF);
        at = put(target, at, payload);
        return put(target, at, CRLF);
    }

    private static int putDecimal(byte[] target, int at, int value) {
        int digits = stringSize(value);
        for (int i = at + digits - 1; i >= at; i--) {
            target[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + digits;
    }

    private static int stringSize(int value) {
        int digits = 1;
        while (value >= 10) {
            value /= 10;
            digits++;
        }
        return digits;
    }

    private static int put(byte[] target, int at, byte[] source) {
        System.arraycopy(source, 0, target, at, source.length);
        return at + source.length;
    }

    private static byte[] bulk(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bulkLength(payload.length)];
        putBulk(out, 0, payload);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            at = put(out, at, part);
        }
        return out;
    }
}
