package dev.nautilus.bus.redis.resp;

import dev.nautilus.bus.Printable;
import dev.nautilus.bus.codec.EnvelopeLimits;
import dev.nautilus.bus.codec.MalformedEnvelopeException;
import java.nio.charset.StandardCharsets;

/**
 * What is said and kept about a stream entry over its {@link EnvelopeLimits}: the reason it is
 * refused for, and in place of each value that was cut, a marker with its length and its first
 * {@link #SAMPLE_BYTES} bytes escaped, never the value itself (it goes to the dead letters and the log).
 */
final class EntryRefusal {

    /** How many first bytes of a cut value its marker shows: as much as {@link Printable} repeats. */
    static final int SAMPLE_BYTES = Printable.MAX_CHARS;

    private EntryRefusal() {}

    /** An entry of {@code values} names and values, more than {@link EnvelopeLimits#MAX_FIELDS} pairs. */
    static MalformedEnvelopeException tooManyFields(int values) {
        return MalformedEnvelopeException.ofEntry(
                "the entry has " + (values + 1) / 2 + " fields, over the limit of " + EnvelopeLimits.MAX_FIELDS);
    }

    /** A field name of {@code length} bytes over {@link EnvelopeLimits#MAX_NAME_BYTES}. */
    static MalformedEnvelopeException nameTooLong(int length, byte[] sample) {
        return MalformedEnvelopeException.ofEntry("a field name of " + length + " bytes, over the limit of "
                + EnvelopeLimits.MAX_NAME_BYTES + ", begins " + Printable.of(text(sample)));
    }

    /** The value of field {@code name} of {@code length} bytes, over its {@code bound}. */
    static MalformedEnvelopeException valueTooLong(byte[] name, int length, int bound) {
        return new MalformedEnvelopeException(fieldName(name), "is " + length + " bytes, over the limit of " + bound);
    }

    /** What a dead letter shows for a value that was cut. */
    static byte[] marker(int length, byte[] sample) {
        return ("<cut: " + length + " bytes, beginning " + Printable.of(text(sample)) + ">")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A field name for a reason: as it is when printable, else escaped (names within their bound are short). */
    private static String fieldName(byte[] name) {
        if (name == null) {
            return "(nil)";
        }
        String text = text(name);
        String printable = Printable.of(text);
        return printable.equals("'" + text + "'") ? text : printable;
    }

    /** A sample cut anywhere, perhaps inside a character: shown leniently. */
    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
