package dev.nautilus.bus.redis.resp;

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
public final class XaddEncoder {

    /** XADD, key, MAXLEN, ~, n, * — then two arguments per field. */
    private static final int HEAD_ARGUMENTS = 6;

    private static final int MAX_FIELDS = 16;

    private final EnvelopeCodec codec;
    private final byte[] trimArguments;
    private final ConcurrentHashMap<String, byte[]> heads = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, byte[]> fieldNames = new ConcurrentHashMap<>();

    /** @param maxLen the approximate stream length each {@code XADD} trims to */
    public XaddEncoder(EnvelopeCodec codec, long maxLen) {
        this.codec = codec;
        this.trimArguments = concat(
                RespWriter.bulk("MAXLEN"),
                RespWriter.bulk("~"),
                RespWriter.bulk(Long.toString(maxLen)),
                RespWriter.bulk("*"));
    }

    /**
     * The complete command for one message.
     *
     * @throws dev.nautilus.bus.PayloadException when the payload is too large or cannot be serialised
     */
    public byte[] encode(String stream, Message message) {
        Fields fields = new Fields();
        codec.encode(message, fields);
        byte[] head =
                heads.computeIfAbsent(stream, s -> concat(RespWriter.bulk("XADD"), RespWriter.bulk(s), trimArguments));
        int arguments = HEAD_ARGUMENTS + 2 * fields.size;
        int length = RespWriter.arrayHeaderLength(arguments) + head.length;
        for (int i = 0; i < fields.size; i++) {
            length += fields.names[i].length + RespWriter.bulkLength(fields.values[i].length);
        }
        byte[] command = new byte[length];
        int at = RespWriter.putArrayHeader(command, 0, arguments);
        at = RespWriter.put(command, at, head);
        for (int i = 0; i < fields.size; i++) {
            at = RespWriter.put(command, at, fields.names[i]);
            at = RespWriter.putBulk(command, at, fields.values[i]);
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
            names[size] = fieldNames.computeIfAbsent(name, RespWriter::bulk);
            values[size] = value.getBytes(StandardCharsets.UTF_8);
            size++;
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            at = RespWriter.put(out, at, part);
        }
        return out;
    }
}
