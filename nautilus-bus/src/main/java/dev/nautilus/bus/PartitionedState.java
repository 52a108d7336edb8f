package dev.nautilus.bus;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * A handler whose state is kept per partition key (the instrument of a trade, the account of a
 * portfolio update) and can move with its partition: given to a partitioned subscription, it is
 * checkpointed per partition while its instance owns the partition, and the next owner restores
 * the partition's keys from the latest checkpoint and replays only what came after it. Without
 * this, a new owner rebuilds the keys by replaying the partition's streams from the start, which
 * only works while the streams still hold everything.
 *
 * <p>The bus calls {@link #captureKeys} and {@link #replaceKeys} on the partition's reader
 * thread between two messages of that partition; handlers of other partitions may run meanwhile,
 * so an implementation guards its state as it guards {@link #onMessage}. A message replayed after
 * {@link #replaceKeys} must be applied even when its id was handled before: the keys it touches
 * were just replaced by a state that does not include it.
 */
public interface PartitionedState extends MessageHandler {

    /** {@code handler}'s partitioned state, looking through the bus's serialising wrapper. */
    static Optional<PartitionedState> of(MessageHandler handler) {
        MessageHandler inner = handler;
        while (inner instanceof SerializedHandler serialized) {
            inner = serialized.delegate();
        }
        return inner instanceof PartitionedState state ? Optional.of(state) : Optional.empty();
    }

    /** The state of the keys {@code keys} accepts, as text. */
    String captureKeys(Predicate<String> keys);

    /**
     * Replaces the state of every key {@code keys} accepts with the one in {@code state}, or
     * with nothing (the keys start afresh) when it is empty.
     *
     * @throws IllegalArgumentException when {@code state} is not a state {@link #captureKeys} returned
     */
    void replaceKeys(Predicate<String> keys, Optional<String> state);

    /**
     * The latest stored checkpoint of the group's partition, if any.
     *
     * @throws RuntimeException when the store cannot be read: the partition must not be taken
     *                          over on a state that may be missing
     */
    Optional<PartitionCheckpoint> loadCheckpoint(String group, int partition);

    /**
     * Stores a checkpoint durably before returning, unless one of a later epoch, or a later
     * sequence of the same epoch, is stored already.
     *
     * @throws RuntimeException when it could not be stored (the next checkpoint tries again)
     */
    void saveCheckpoint(PartitionCheckpoint checkpoint);
}
