package dev.nautilus.store.recorder;

/**
 * Thrown out of the recorder's handler when its rows cannot be committed because the recorder or the
 * store is shutting down. An {@link Error} on purpose: the bus holds an {@code Error} against no
 * message ({@link dev.nautilus.bus.MessageHandler}), so the message is neither acknowledged nor
 * dead-lettered but delivered again later (on Redis it stays pending for the next start).
 */
public final class StoreUnavailableError extends Error {

    StoreUnavailableError(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
