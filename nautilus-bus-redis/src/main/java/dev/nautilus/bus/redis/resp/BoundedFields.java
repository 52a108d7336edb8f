package dev.nautilus.bus.redis.resp;

import dev.nautilus.bus.codec.EnvelopeLimits;
import dev.nautilus.bus.codec.MalformedEnvelopeException;

/**
 * The names and values of one entry, or of one message of a packed entry, kept as they are read
 * and held to its {@link EnvelopeLimits}: past {@link EnvelopeLimits#MAX_FIELDS} pairs the rest
 * are not kept, and a name or value over its bound is replaced by a marker; either refuses the
 * entry (see {@link RawStreamEntry}), with the first reason met.
 */
final class BoundedFields {

    private final EnvelopeLimits limits;
    private final byte[][] pairs;
    private MalformedEnvelopeException refusal;

    /** @param values how many names and values the entry announces */
    BoundedFields(int values, EnvelopeLimits limits) {
        this.limits = limits;
        int kept = Math.min(values, 2 * EnvelopeLimits.MAX_FIELDS);
        if (values > kept) {
            refusal = EntryRefusal.tooManyFields(values);
        }
        this.pairs = new byte[kept][];
    }

    /** Whether the name or value at {@code v} is kept at all; the reader skips it otherwise. */
    boolean keeps(int v) {
        return v < pairs.length;
    }

    /** The longest the name or value at {@code v} may be (a value's bound depends on its name). */
    int bound(int v) {
        return v % 2 == 0 ? EnvelopeLimits.MAX_NAME_BYTES : limits.maxValueBytes(pairs[v - 1]);
    }

    /** Keeps the name or value at {@code v}, within its {@link #bound}. */
    void put(int v, byte[] bytes) {
        pairs[v] = bytes;
    }

    /** The name or value at {@code v} was {@code length} bytes, over its bound: its marker takes its place. */
    void cut(int v, int length, byte[] sample) {
        pairs[v] = EntryRefusal.marker(length, sample);
        if (refusal == null) {
            refusal = v % 2 == 0
                    ? EntryRefusal.nameTooLong(length, sample)
                    : EntryRefusal.valueTooLong(pairs[v - 1], length, bound(v));
        }
    }

    RawStreamEntry entry(String stream, String id) {
        return new RawStreamEntry(stream, id, pairs, refusal);
    }
}
