package dev.nautilus.bus.redis.resp;

import dev.nautilus.bus.Printable;
import dev.nautilus.bus.codec.EnvelopeLimits;
import dev.nautilus.bus.codec.MalformedEnvelopeException;
import dev.nautilus.bus.codec.PackedField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The packed form of a stream entry, which holds several messages of one stream: exactly two
 * fields, {@code packed} (how many, a decimal number from 1 to
 * {@link EnvelopeLimits#MAX_PACKED_MESSAGES}) and {@code packed_body}, the messages' envelopes one
 * after the other, each a RESP array of its field names and values:
 *
 * <pre>
 * *14\r\n $12\r\n message_type\r\n $12\r\n price_update\r\n … $5\r\n topic\r\n $9\r\n price.BTC\r\n
 * *14\r\n …
 * </pre>
 *
 * (without the spaces). The body is bounded by {@link EnvelopeLimits#maxPackedBodyBytes()} as it
 * is read, and every envelope in it by the same limits as an ordinary entry's fields.
 *
 * <p>{@link #unpack} turns a packed entry into one {@link RawStreamEntry} per message, in order,
 * each with the packed entry's stream and the id {@code <entry id>/<index>} (index from 0): the
 * id its dead letter carries, and the message's id if its envelope has none. A message over its
 * limits is a refused entry of its own, dead-lettered alone; a body whose framing is broken (a
 * count that does not match, bytes that are not RESP) cannot be split and is refused whole.
 */
public final class PackedEntries {

    private PackedEntries() {}

    /**
     * The messages of a packed entry ({@link RawStreamEntry#isPacked()}).
     *
     * @throws MalformedEnvelopeException when the count or the body's framing is broken
     */
    public static List<RawStreamEntry> unpack(RawStreamEntry entry, EnvelopeLimits limits)
            throws MalformedEnvelopeException {
        int count = count(entry.field(PackedField.PACKED));
        byte[] body = entry.raw(PackedField.PACKED_BODY);
        if (body == null) {
            throw new MalformedEnvelopeException(PackedField.PACKED_BODY, "is missing");
        }
        Cursor in = new Cursor(body);
        List<RawStreamEntry> messages = new ArrayList<>(count);
        for (int m = 0; m < count; m++) {
            messages.add(message(in, entry.stream(), entry.id() + "/" + m, limits));
        }
        if (in.at != body.length) {
            throw new MalformedEnvelopeException(
                    PackedField.PACKED_BODY,
                    "has " + (body.length - in.at) + " bytes after the " + count + " envelopes its count announces");
        }
        return messages;
    }

    private static int count(String text) throws MalformedEnvelopeException {
        if (text == null) {
            throw new MalformedEnvelopeException(PackedField.PACKED, "is missing");
        }
        int count = 0;
        boolean digits = !text.isEmpty() && text.length() <= 4;
        for (int i = 0; digits && i < text.length(); i++) {
            char c = text.charAt(i);
            digits = c >= '0' && c <= '9';
            count = count * 10 + (c - '0');
        }
        if (!digits || count < 1 || count > EnvelopeLimits.MAX_PACKED_MESSAGES) {
            throw new MalformedEnvelopeException(
                    PackedField.PACKED,
                    "is not a count of messages from 1 to " + EnvelopeLimits.MAX_PACKED_MESSAGES + ": "
                            + Printable.of(text));
        }
        return count;
    }

    /**
     * One envelope, held to the limits of an entry's fields as {@link StreamEntriesReply} holds a
     * whole entry. Within them (the rule), its names and values are read where they lie in the
     * body; over them, it is a refused entry whose values within their bounds are copied out.
     */
    private static RawStreamEntry message(Cursor in, String stream, String id, EnvelopeLimits limits)
            throws MalformedEnvelopeException {
        int values = in.header('*', in.remaining());
        if (values == 0 || values % 2 != 0) {
            // none: it would read as an entry trimmed away, acknowledged without a word
            throw in.broken("an envelope of " + values + " names and values, not pairs");
        }
        int[] spans = new int[2 * values];
        boolean within = values <= 2 * EnvelopeLimits.MAX_FIELDS;
        for (int v = 0; v < values; v++) {
            int length = in.header('$', in.remaining());
            int start = in.take(length);
            spans[2 * v] = start;
            spans[2 * v + 1] = length;
            int bound = v % 2 == 0
                    ? EnvelopeLimits.MAX_NAME_BYTES
                    : limits.maxValueBytes(in.bytes, spans[2 * v - 2], spans[2 * v - 1]);
            within &= length <= bound;
        }
        return within ? new RawStreamEntry(stream, id, in.bytes, spans) : refused(in.bytes, spans, stream, id, limits);
    }

    private static RawStreamEntry refused(byte[] body, int[] spans, String stream, String id, EnvelopeLimits limits) {
        int values = spans.length / 2;
        BoundedFields fields = new BoundedFields(values, limits);
        for (int v = 0; v < values && fields.keeps(v); v++) {
            int start = spans[2 * v];
            int length = spans[2 * v + 1];
            int end = start + (length <= fields.bound(v) ? length : Math.min(length, EntryRefusal.SAMPLE_BYTES));
            byte[] kept = Arrays.copyOfRange(body, start, end);
            if (length <= fields.bound(v)) {
                fields.put(v, kept);
            } else {
                fields.cut(v, length, kept);
            }
        }
        return fields.entry(stream, id);
    }

    /** Reads the body's framing, each step checked against what is left. */
    private static final class Cursor {
        final byte[] bytes;
        int at;

        Cursor(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - at;
        }

        /** {@code <kind><decimal>\r\n}, the decimal at most {@code max}. */
        int header(char kind, int max) throws MalformedEnvelopeException {
            if (at >= bytes.length || bytes[at] != kind) {
                throw broken("expected '" + kind + "'");
            }
            int start = ++at;
            long value = 0;
            while (at < bytes.length && bytes[at] >= '0' && bytes[at] <= '9' && at - start < 10) {
                value = value * 10 + (bytes[at++] - '0');
            }
            if (at == start || value > max || !crlf()) {
                throw broken("a bad length after '" + kind + "'");
            }
            return (int) value;
        }

        /** Skips {@code length} bytes and the CRLF after them; returns where they start. */
        int take(int length) throws MalformedEnvelopeException {
            int start = at;
            if (length > bytes.length - at - 2) {
                throw broken("a value of " + length + " bytes runs past the end");
            }
            at += length;
            if (!crlf()) {
                throw broken("a value not followed by CRLF");
            }
            return start;
        }

        private boolean crlf() {
            if (at + 1 < bytes.length && bytes[at] == '\r' && bytes[at + 1] == '\n') {
                at += 2;
                return true;
            }
            return false;
        }

        MalformedEnvelopeException broken(String what) {
            return new MalformedEnvelopeException(
                    PackedField.PACKED_BODY, "is not envelopes in RESP: " + what + " at byte " + at);
        }
    }
}
