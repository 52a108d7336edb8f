package dev.nautilus.bus.redis.resp;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.codec.EnvelopeField;
import dev.nautilus.bus.codec.PackedField;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes {@code XADD <stream> MAXLEN ~ <n> * <field> <value> …} as finished RESP bytes on the
 * publishing thread. Lettuce would otherwise build an argument object per field and encode them
 * one by one on its event loop, the thread every publisher and reader of the process shares; here
 * the event loop only copies one array. The constant head of each stream's command is cached.
 * A message of a packed type is encoded once, as its {@link #envelope}, which then goes into an
 * ordinary entry ({@link #single}) or a packed one ({@link #packed}).
 */
public final class XaddEncoder {

    /** XADD, key, MAXLEN, ~, n, * — then two arguments per field. */
    private static final int HEAD_ARGUMENTS = 6;

    /**
     * The most fields the codec writes for one message: three arrays of this size are allocated
     * per message encoded (with 16 slots they were 16 % of the packed bench's sampled allocation).
     */
    private static final int MAX_FIELDS = EnvelopeField.ALL.size();

    private static final byte[] PACKED = RespWriter.bulk(PackedField.PACKED);
    private static final byte[] PACKED_BODY = RespWriter.bulk(PackedField.PACKED_BODY);

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
        Fields fields = fields(message);
        byte[] head = head(stream);
        int arguments = HEAD_ARGUMENTS + 2 * fields.size;
        byte[] command = new byte[RespWriter.arrayHeaderLength(arguments) + head.length + fields.length()];
        int at = RespWriter.putArrayHeader(command, 0, arguments);
        at = RespWriter.put(command, at, head);
        fields.put(command, at);
        return command;
    }

    /**
     * One message's envelope as a RESP array of its field names and values: the form a packed
     * entry holds it in (see {@link PackedEntries}), from which {@link #single} or {@link #packed}
     * build the command without encoding the message again.
     *
     * @throws dev.nautilus.bus.PayloadException when the payload is too large or cannot be serialised
     */
    public byte[] envelope(Message message) {
        Fields fields = fields(message);
        byte[] envelope = new byte[RespWriter.arrayHeaderLength(2 * fields.size) + fields.length()];
        fields.put(envelope, RespWriter.putArrayHeader(envelope, 0, 2 * fields.size));
        return envelope;
    }

    /** {@code XADD} of one {@link #envelope} as an ordinary entry, the same bytes {@link #encode} writes. */
    public byte[] single(String stream, byte[] envelope) {
        int values = 0;
        int start = 1;
        while (envelope[start] != '\r') {
            values = values * 10 + (envelope[start++] - '0');
        }
        start += 2;
        byte[] head = head(stream);
        int arguments = HEAD_ARGUMENTS + values;
        int pairs = envelope.length - start;
        byte[] command = new byte[RespWriter.arrayHeaderLength(arguments) + head.length + pairs];
        int at = RespWriter.putArrayHeader(command, 0, arguments);
        at = RespWriter.put(command, at, head);
        System.arraycopy(envelope, start, command, at, pairs);
        return command;
    }

    /**
     * {@code XADD} of one packed entry holding {@code envelopes}, in order: {@code packed <count>
     * packed_body <the envelopes one after the other>}. The caller keeps the body within
     * {@link dev.nautilus.bus.codec.EnvelopeLimits#maxPackedBodyBytes()} and the count within
     * {@link dev.nautilus.bus.codec.EnvelopeLimits#MAX_PACKED_MESSAGES}.
     */
    public byte[] packed(String stream, List<byte[]> envelopes) {
        int body = 0;
        for (byte[] envelope : envelopes) {
            body += envelope.length;
        }
        byte[] head = head(stream);
        byte[] count = Integer.toString(envelopes.size()).getBytes(StandardCharsets.US_ASCII);
        int arguments = HEAD_ARGUMENTS + 4;
        byte[] command = new byte
                [RespWriter.arrayHeaderLength(arguments)
                        + head.length
                        + PACKED.length
                        + RespWriter.bulkLength(count.length)
                        + PACKED_BODY.length
                        + RespWriter.bulkLength(body)];
        int at = RespWriter.putArrayHeader(command, 0, arguments);
        at = RespWriter.put(command, at, head);
        at = RespWriter.put(command, at, PACKED);
        at = RespWriter.putBulk(command, at, count);
        at = RespWriter.put(command, at, PACKED_BODY);
        at = RespWriter.putBulkHeader(command, at, body);
        for (byte[] envelope : envelopes) {
            at = RespWriter.put(command, at, envelope);
        }
        RespWriter.putBulkEnd(command, at);
        return command;
    }

    private byte[] head(String stream) {
        return heads.computeIfAbsent(stream, s -> concat(RespWriter.bulk("XADD"), RespWriter.bulk(s), trimArguments));
    }

    private Fields fields(Message message) {
        Fields fields = new Fields();
        codec.encode(message, fields);
        return fields;
    }

    /**
     * Collects the envelope's fields as bytes; field names come pre-encoded from the cache, the
     * payload as the view of its own UTF-8 bytes, copied once, into the command.
     */
    private final class Fields implements EnvelopeCodec.FieldSink {
        final byte[][] names = new byte[MAX_FIELDS][];
        final byte[][] values = new byte[MAX_FIELDS][];
        final ByteBuffer[] views = new ByteBuffer[MAX_FIELDS];
        int size;

        /** Bytes of the names and values as bulk strings. */
        int length() {
            int length = 0;
            for (int i = 0; i < size; i++) {
                length += names[i].length + RespWriter.bulkLength(valueLength(i));
            }
            return length;
        }

        private int valueLength(int i) {
            return views[i] != null ? views[i].remaining() : values[i].length;
        }

        /** Writes the names and values as bulk strings at {@code at}; returns the index after them. */
        int put(byte[] target, int at) {
            for (int i = 0; i < size; i++) {
                at = RespWriter.put(target, at, names[i]);
                if (views[i] == null) {
                    at = RespWriter.putBulk(target, at, values[i]);
                } else {
                    int length = views[i].remaining();
                    at = RespWriter.putBulkHeader(target, at, length);
                    views[i].get(views[i].position(), target, at, length);
                    at = RespWriter.putBulkEnd(target, at + length);
                }
            }
            return at;
        }

        @Override
        public void field(String name, String value) {
            names[size] = fieldNames.computeIfAbsent(name, RespWriter::bulk);
            values[size] = value.getBytes(StandardCharsets.UTF_8);
            size++;
        }

        @Override
        public void field(String name, ByteBuffer utf8) {
            names[size] = fieldNames.computeIfAbsent(name, RespWriter::bulk);
            views[size] = utf8;
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
