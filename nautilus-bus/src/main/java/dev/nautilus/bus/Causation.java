package dev.nautilus.bus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Gives the messages a handler publishes ids derived from the input it is handling, so that
 * handling the same input again — a redelivery after a crash, before its acknowledgement — publishes
 * the same ids, which consumers downstream recognise and drop (SPEC §1.10: effects exactly once).
 * A fresh id per output would make every redelivered input a duplicate effect downstream.
 *
 * <p>The n-th message built on the handling thread while {@link #run} runs gets
 * {@code <128 bits of SHA-256(handler, input id)>-<n>}; the handler name keeps two engines that
 * handle the same input from sharing output ids. Messages built elsewhere (other threads, timers)
 * keep fresh ids, and so do messages given an explicit id.
 */
public final class Causation {

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    private static final HexFormat HEX = HexFormat.of();

    private Causation() {}

    /** Handles {@code input} with {@code handling}, its outputs' ids derived from {@code handlerName} and the input's id. */
    public static void run(String handlerName, Message input, Runnable handling) {
        run(handlerName, input.id(), handling);
    }

    /**
     * Runs {@code handling} with its outputs' ids derived from {@code handlerName} and {@code
     * inputId}, inside another scope too: for an output owed to an input other than the message in
     * hand (a join's, whichever of its inputs came last), so that it gets the same id whichever
     * instance completes it, in whatever order its inputs arrive.
     */
    public static void run(String handlerName, String inputId, Runnable handling) {
        Objects.requireNonNull(handlerName, "handlerName");
        Objects.requireNonNull(inputId, "inputId");
        Scope outer = CURRENT.get();
        CURRENT.set(new Scope(handlerName, inputId));
        try {
            handling.run();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The next derived id on this thread, or {@code null} outside {@link #run}. */
    static String nextDerivedId() {
        Scope scope = CURRENT.get();
        return scope == null ? null : scope.next();
    }

    private static final class Scope {
        private final String handlerName;
        private final String inputId;
        private String base; // computed at the first output: most inputs publish nothing
        private long outputs;

        Scope(String handlerName, String inputId) {
            this.handlerName = handlerName;
            this.inputId = inputId;
        }

        String next() {
            if (base == null) {
                base = digest(handlerName, inputId);
            }
            return base + "-" + Long.toString(outputs++, 36);
        }
    }

    private static String digest(String handlerName, String inputId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(handlerName.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(inputId.getBytes(StandardCharsets.UTF_8));
            byte[] hash = sha.digest();
            return HEX.formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
