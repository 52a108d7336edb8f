package dev.nautilus.bus.redis.resp;

import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.codec.EnvelopeLimits;
import dev.nautilus.bus.codec.MalformedEnvelopeException;
import dev.nautilus.bus.codec.PackedField;
import io.lettuce.core.StreamMessage;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A stream entry as Redis sent it: the stream, the entry id and the field/value pairs as bytes,
 * or no pairs when the entry was trimmed away while still pending. A field is turned into a
 * string only when the decoder asks for it, strictly: bytes that are not UTF-8 make the entry
 * malformed instead of turning into U+FFFD.
 *
 * <p>A <em>refused</em> entry was over its {@link dev.nautilus.bus.codec.EnvelopeLimits limits}
 * when it was read (see {@link StreamEntriesReply}): it keeps only its stream, its id, the values
 * within their bounds and a short marker for each one that was cut, and asking it for any field
 * throws why it was refused, so that the delivery path dead-letters it as undecodable.
 */
public final class RawStreamEntry implements EnvelopeCodec.FieldSource {

    private static final byte[][] NONE = new byte[0][];

    private final String stream;
    private final String id;
    private final byte[][] pairs;
    /**
     * Of a message of a packed entry: the body its names and values lie in, each at
     * {@code spans[2k]} for {@code spans[2k + 1]} bytes, read there without a copy of their own;
     * {@code null} for an entry whose values are {@link #pairs}.
     */
    private final byte[] source;

    private final int[] spans;
    /** Why the entry was refused as it was read; {@code null} for an entry read whole. */
    private final MalformedEnvelopeException refusal;

    RawStreamEntry(String stream, String id, byte[][] pairs) {
        this(stream, id, pairs, null);
    }

    RawStreamEntry(String stream, String id, byte[][] pairs, MalformedEnvelopeException refusal) {
        this.stream = stream;
        this.id = id;
        this.pairs = pairs == null ? NONE : pairs;
        this.source = null;
        this.spans = null;
        this.refusal = refusal;
    }

    /** A message of a packed entry, within its limits, its names and values where they lie in {@code source}. */
    RawStreamEntry(String stream, String id, byte[] source, int[] spans) {
        this.stream = stream;
        this.id = id;
        this.pairs = NONE;
        this.source = source;
        this.spans = spans;
        this.refusal = null;
    }

    /** An entry Lettuce already decoded (claimed entries take that path; it is rare). */
    public static RawStreamEntry of(StreamMessage<String, String> message) {
        return of(message, null);
    }

    /**
     * An entry Lettuce already decoded, held to {@code limits} as the reader holds what it reads
     * (when not {@code null}): an entry over them is refused, its over-long values replaced by markers.
     */
    public static RawStreamEntry of(StreamMessage<String, String> message, EnvelopeLimits limits) {
        Map<String, String> body = message.getBody();
        int values = body == null ? 0 : body.size() * 2;
        MalformedEnvelopeException refusal = null;
        if (limits != null && values > 2 * EnvelopeLimits.MAX_FIELDS) {
            refusal = EntryRefusal.tooManyFields(values);
            values = 2 * EnvelopeLimits.MAX_FIELDS;
        }
        byte[][] pairs = new byte[values][];
        int i = 0;
        if (body != null) {
            for (Map.Entry<String, String> field : body.entrySet()) {
                if (i == values) {
                    break;
                }
                byte[] name = field.getKey().getBytes(StandardCharsets.UTF_8);
                byte[] value =
                        field.getValue() == null ? null : field.getValue().getBytes(StandardCharsets.UTF_8);
                if (limits != null && name.length > EnvelopeLimits.MAX_NAME_BYTES) {
                    refusal = refusal != null ? refusal : EntryRefusal.nameTooLong(name.length, sample(name));
                    name = EntryRefusal.marker(name.length, sample(name));
                }
                int bound = limits == null ? Integer.MAX_VALUE : limits.maxValueBytes(name);
                if (value != null && value.length > bound) {
                    refusal = refusal != null ? refusal : EntryRefusal.valueTooLong(name, value.length, bound);
                    value = EntryRefusal.marker(value.length, sample(value));
                }
                pairs[i++] = name;
                pairs[i++] = value;
            }
        }
        return new RawStreamEntry(message.getStream(), message.getId(), pairs, refusal);
    }

    private static byte[] sample(byte[] bytes) {
        return Arrays.copyOf(bytes, Math.min(bytes.length, EntryRefusal.SAMPLE_BYTES));
    }

    public String stream() {
        return stream;
    }

    public String id() {
        return id;
    }

    /** True when the entry has no fields left (trimmed by {@code MAXLEN} while pending); never for a refused one. */
    public boolean isEmpty() {
        return values() == 0 && refusal == null;
    }

    /** How many names and values the entry has. */
    private int values() {
        return source == null ? pairs.length : spans.length / 2;
    }

    private boolean nameIs(int v, String name) {
        return source == null
                ? EnvelopeLimits.asciiEquals(pairs[v], name)
                : EnvelopeLimits.asciiEquals(source, spans[2 * v], spans[2 * v + 1], name);
    }

    /** The value at {@code v} (a nil one is {@code null}) as strict UTF-8 text. */
    private String text(int v, String name) throws MalformedEnvelopeException {
        if (source == null) {
            return pairs[v] == null ? null : strictUtf8(name, pairs[v], 0, pairs[v].length);
        }
        return strictUtf8(name, source, spans[2 * v], spans[2 * v + 1]);
    }

    /** The name or value at {@code v} as lenient text, for a dead letter. */
    private String lenient(int v) {
        if (source == null) {
            return pairs[v] == null ? "" : new String(pairs[v], StandardCharsets.UTF_8);
        }
        return new String(source, spans[2 * v], spans[2 * v + 1], StandardCharsets.UTF_8);
    }

    /**
     * Whether this is a packed entry, holding several messages ({@link PackedEntries}); a refused
     * entry never is: it is dead-lettered whole, as any entry over its limits.
     */
    public boolean isPacked() {
        return refusal == null && raw(PackedField.PACKED) != null;
    }

    /** The value of the field as bytes, {@code null} when absent (or nil). */
    byte[] raw(String name) {
        for (int i = 0; i + 1 < values(); i += 2) {
            if (nameIs(i, name)) {
                return source == null
                        ? pairs[i + 1]
                        : Arrays.copyOfRange(source, spans[2 * i + 2], spans[2 * i + 2] + spans[2 * i + 3]);
            }
        }
        return null;
    }

    /** Why the entry was refused as it was read, if it was. */
    public Optional<MalformedEnvelopeException> refusal() {
        return Optional.ofNullable(refusal);
    }

    /**
     * The field's value, {@code null} when absent.
     *
     * @throws MalformedEnvelopeException when the entry was refused, or the value is not valid UTF-8
     */
    @Override
    public String field(String name) throws MalformedEnvelopeException {
        if (refusal != null) {
            throw refusal;
        }
        for (int i = 0; i + 1 < values(); i += 2) {
            if (nameIs(i, name)) {
                return text(i + 1, name);
            }
        }
        return null;
    }

    /**
     * The field's bytes, {@code null} when absent: those of an entry read whole are its own,
     * those of a packed entry's message a copy out of the body.
     *
     * @throws MalformedEnvelopeException when the entry was refused
     */
    @Override
    public byte[] bytes(String name) throws MalformedEnvelopeException {
        if (refusal != null) {
            throw refusal;
        }
        return raw(name);
    }

    /**
     * The bytes as text when they are valid UTF-8. The JDK's decoder is fast and turns every
     * malformed sequence into U+FFFD, so only a text that has one (rare: it can also be a real
     * U+FFFD) is decoded again, strictly, to tell which it is and where.
     */
    static String strictUtf8(String field, byte[] bytes) throws MalformedEnvelopeException {
        return strictUtf8(field, bytes, 0, bytes.length);
    }

    /** {@link #strictUtf8(String, byte[])} of the {@code length} bytes at {@code offset}. */
    static String strictUtf8(String field, byte[] bytes, int offset, int length) throws MalformedEnvelopeException {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        CharsetDecoder strict = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CoderResult result = strict.decode(in, CharBuffer.allocate(length), true);
        if (result.isError()) {
            throw new MalformedEnvelopeException(field, "is not valid UTF-8 at byte " + (in.position() - offset));
        }
        return text;
    }

    /**
     * The fields as strings, in entry order, e.g. for a dead letter: bytes that are not UTF-8 show
     * as U+FFFD, and a refused entry's over-long values as the marker that replaced them.
     */
    public Map<String, String> body() {
        Map<String, String> body = new LinkedHashMap<>();
        for (int i = 0; i + 1 < values(); i += 2) {
            body.put(lenient(i), lenient(i + 1));
        }
        return body;
    }
}
