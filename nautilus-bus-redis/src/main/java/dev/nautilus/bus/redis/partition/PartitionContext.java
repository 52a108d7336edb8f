package dev.nautilus.bus.redis.partition;

import java.util.Optional;

/**
 * The partition a handler is handling a message of, as its owner sees it: the partition, the lease
 * epoch it holds it under, and the consumer. Set on the handler's thread for the length of one
 * call; lets an engine (or a test) tie what it does to the ownership it did it under.
 *
 * @param group     the consumer group (the engine)
 * @param partition the partition
 * @param epoch     the epoch of the owner's lease (incremented by every takeover)
 * @param consumer  the owning consumer (the instance)
 * @param replaying whether the message is replayed to rebuild state, its outputs not published
 */
public record PartitionContext(String group, int partition, long epoch, String consumer, boolean replaying) {

    private static final ThreadLocal<PartitionContext> CURRENT = new ThreadLocal<>();

    /** The partition of the message being handled on this thread, if it is of a partitioned type. */
    public static Optional<PartitionContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code action} with this context current on the calling thread. */
    public <E extends Exception> void run(ThrowingAction<E> action) throws E {
        PartitionContext previous = CURRENT.get();
        CURRENT.set(this);
        try {
            action.run();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** An action that may throw. */
    @FunctionalInterface
    public interface ThrowingAction<E extends Exception> {
        void run() throws E;
    }
}
