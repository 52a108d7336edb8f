package dev.nautilus.bus;

/**
 * A publish that could not complete in time because a consumer (or the connection to a bus) could
 * not keep up. The message was not published; the publisher decides whether to retry or drop it.
 */
public final class BusBackpressureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BusBackpressureException(String message) {
        super(message);
    }
}
