package dev.nautilus.bus.codec;

/**
 * An envelope that cannot be turned into a message; names the offending field, or none when the
 * entry as a whole is refused (too many fields).
 */
public final class MalformedEnvelopeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;

    public MalformedEnvelopeException(String field, String reason) {
        super("malformed envelope: field '" + field + "' " + reason);
        this.field = field;
    }

    private MalformedEnvelopeException(String reason) {
        super("malformed envelope: " + reason);
        this.field = null;
    }

    /** An entry refused as a whole, e.g. for its number of fields; {@link #field()} is then {@code null}. */
    public static MalformedEnvelopeException ofEntry(String reason) {
        return new MalformedEnvelopeException(reason);
    }

    /** The envelope field that is missing or bad; {@code null} when the entry as a whole was refused. */
    public String field() {
        return field;
    }
}
