package dev.nautilus.bus;

/** A payload that cannot be encoded, parsed, or converted to the type a handler asked for. */
public class PayloadException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public PayloadException(String message) {
        super(message);
    }

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
