package dev.nautilus.bus.codec;

/** An envelope that cannot be turned into a message; names the offending field. */
public final class MalformedEnvelopeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;

    public MalformedEnvelopeException(String field, String reason) {
        super("malformed envelope: field '" + field + "' " + reason);
        this.field = field;
    }

    /** The envelope field that is missing or bad. */
    public String field() {
        return field;
    }
}
