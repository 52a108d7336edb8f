package dev.nautilus.bus;

import java.util.Objects;

/**
 * The claim a handler publishes under. A transport that calls a handler only while it holds
 * something exclusively (a partition under a lease) runs the handler with its claim here, and
 * {@link DualMessageBus} checks it before every publish: an owner whose claim lapsed while it was
 * handling (a long pause, a lease taken over) publishes nothing more. Its input then stays
 * unacknowledged, and the new owner handles it and publishes the outputs, under the same derived
 * ids ({@link Causation}).
 *
 * <p>Local, not atomic: the check passes, and the publisher's buffer is flushed a few
 * milliseconds later, so an owner paused in between can still write after it lost its claim. Those
 * outputs carry the ids the new owner's carry, and consumers drop the second of each by id.
 */
public final class PublishFence {

    /** Something held exclusively while handling. */
    public interface Claim {

        /** Whether it is still held (checked at each publish, so it must be cheap). */
        boolean held();

        /** What is held and why it no longer is, for the error. */
        String describe();
    }

    /** An action that may throw. */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        void run() throws E;
    }

    private static final ThreadLocal<Claim> CURRENT = new ThreadLocal<>();

    private PublishFence() {}

    /** Runs {@code action} with {@code claim} checked before every publish made on this thread. */
    public static <E extends Exception> void run(Claim claim, Action<E> action) throws E {
        Objects.requireNonNull(claim, "claim");
        Claim outer = CURRENT.get();
        CURRENT.set(claim);
        try {
            action.run();
        } finally {
            CURRENT.set(outer);
        }
    }

    /**
     * @throws FencedOffException when this thread handles under a claim that is no longer held
     */
    public static void check(Message message) {
        Claim claim = CURRENT.get();
        if (claim != null && !claim.held()) {
            throw new FencedOffException(
                    "not publishing " + message.topic() + " (id " + message.id() + "): " + claim.describe());
        }
    }

    /** A publish refused because the claim it was made under is no longer held. */
    public static final class FencedOffException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        FencedOffException(String message) {
            super(message);
        }
    }
}
