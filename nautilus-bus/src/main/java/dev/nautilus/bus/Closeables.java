package dev.nautilus.bus;

import java.util.function.Consumer;

/** Closing several things so that one failing to close does not leave the others open. */
public final class Closeables {

    private Closeables() {}

    /**
     * Closes every item with {@code close}; the first failure is thrown once all were tried, the
     * later ones suppressed in it.
     */
    public static <T> void closeEach(Iterable<T> items, Consumer<? super T> close) {
        RuntimeException failure = null;
        for (T item : items) {
            try {
                close.accept(item);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** After {@code failure}: closes every item, adding what closing throws to {@code failure}, and throws it. */
    public static <T> RuntimeException closeEachAfter(
            RuntimeException failure, Iterable<T> items, Consumer<? super T> close) {
        try {
            closeEach(items, close);
        } catch (RuntimeException closeFailed) {
            failure.addSuppressed(closeFailed);
        }
        return failure;
    }
}
