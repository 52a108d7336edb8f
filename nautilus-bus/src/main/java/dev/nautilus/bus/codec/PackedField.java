package dev.nautilus.bus.codec;

/**
 * Field names of a <em>packed</em> stream entry, which holds several messages instead of one
 * envelope ({@link EnvelopeField}): only these two.
 */
public final class PackedField {

    /**
     * Of a <em>packed</em> entry, which holds several messages instead of one envelope: how many
     * (a decimal number). Such an entry has no other field but {@link #PACKED_BODY}; a reader that
     * knows only single-message envelopes finds {@code message_type} and {@code payload} missing.
     */
    public static final String PACKED = "packed";

    /**
     * Of a packed entry: its messages' envelopes, one after the other, each written as a RESP array
     * of its field names and values ({@code *<2n>\r\n} then {@code $<len>\r\n<bytes>\r\n} per name
     * and per value), exactly as the field part of its own {@code XADD} would be.
     */
    public static final String PACKED_BODY = "packed_body";

    private PackedField() {}
}
