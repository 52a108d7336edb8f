package dev.nautilus.engines.host;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link StatefulEngine} whose state is a set of independent per-key states, keyed by the
 * message's partition key ({@link dev.nautilus.bus.Topics#partitionKey}: the instrument of a
 * trade). Scaled out over a partitioned type, each instance's share of the keys is checkpointed
 * per partition and moves with it ({@link dev.nautilus.bus.PartitionedState}).
 *
 * <p>The host never calls these concurrently with {@link #onMessage}.
 */
public interface KeyedStatefulEngine extends StatefulEngine {

    /**
     * Whether this instance can save and replace its state per key (the default); one whose
     * plug-ins cannot says false, and is then rebuilt by replay as a plain {@link StatefulEngine}.
     */
    default boolean keepsStatePerKey() {
        return true;
    }

    /** The state of the keys {@code keys} accepts, as text; it must not share mutable objects with the engine. */
    String saveKeys(Predicate<String> keys);

    /**
     * Replaces the state of every key {@code keys} accepts with the one in {@code state} (a
     * {@link #saveKeys} result), or drops those keys' state when it is empty; other keys keep theirs.
     *
     * @throws IllegalArgumentException when {@code state} is not a state of this engine
     */
    void replaceKeys(Predicate<String> keys, Optional<String> state);
}
