package dev.nautilus.engines.host;

/**
 * An engine whose state outlives its process: the host snapshots it (see {@link EngineSnapshots})
 * and restores it at start, so that a restarted engine continues where its last stored snapshot
 * left off, and the bus delivers it everything after that snapshot again.
 *
 * <p>The state must hold everything {@link #onMessage} results depend on, so that restoring a
 * snapshot taken after input {@code n} and handling inputs {@code n+1…} gives what the engine that
 * never stopped gives. The host never calls these concurrently with {@link #onMessage}.
 */
public interface StatefulEngine extends Engine {

    /** The state now, as text (JSON by convention); it must not share mutable objects with the engine. */
    String saveState();

    /**
     * Replaces the state with one {@link #saveState()} returned, before the first message.
     *
     * @throws IllegalArgumentException when {@code state} is not a state of this engine
     */
    void restoreState(String state);
}
