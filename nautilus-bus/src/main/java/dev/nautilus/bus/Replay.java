package dev.nautilus.bus;

/**
 * Marks the calling thread as replaying: the messages it hands a handler rebuild state that moved
 * with a partition, and were handled, their outputs published, by their earlier owner. While it
 * runs, what the handler publishes or answers through its {@link BusEndpoint} is built but not
 * sent, so a replay has no effect outside the engine's own state.
 */
public final class Replay {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private Replay() {}

    /** Whether the calling thread is replaying. */
    public static boolean active() {
        return ACTIVE.get() != null;
    }

    /** Runs {@code handler} on {@code message} as a replay. */
    public static void run(MessageHandler handler, Message message) throws Exception {
        boolean outer = active();
        ACTIVE.set(Boolean.TRUE);
        try {
            handler.onMessage(message);
        } finally {
            if (!outer) {
                ACTIVE.remove();
            }
        }
    }

    /**
     * Runs {@code publishing} as new even while replaying: what it publishes is sent. For an engine
     * that joins inputs of several streams, whose output a replayed message completes although
     * another of its inputs came new to this instance: no earlier owner had that input, so none
     * published the output. Give such an output an id derived from its inputs ({@link
     * Causation#run(String, String, Runnable)}), so that one published twice is recognised downstream.
     */
    public static void asNew(Runnable publishing) {
        Boolean outer = ACTIVE.get();
        ACTIVE.remove();
        try {
            publishing.run();
        } finally {
            if (outer != null) {
                ACTIVE.set(outer);
            }
        }
    }
}
