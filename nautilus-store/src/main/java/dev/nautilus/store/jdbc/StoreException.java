package dev.nautilus.store.jdbc;

/** A database operation failed; carries the SQL error as its cause. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
