package dev.nautilus.engines.host;

import dev.nautilus.bus.BusEndpoint;
import dev.nautilus.bus.Message;

/**
 * One engine: a name, a default HTTP port, its wiring, and a handler. Engines see only the bus API
 * ({@link BusEndpoint}) and their own inputs and outputs; the {@link EngineHost} does the rest.
 */
public interface Engine {

    /** The engine's name, also its consumer group, e.g. {@code marketdata}. */
    String name();

    /** The seed's port for this engine, e.g. 8800. */
    int defaultPort();

    /** What it subscribes and publishes. */
    EngineWiring wiring();

    /** Called first, before the engine's subscriptions go live: set up state, start feeds. */
    default void onStart(BusEndpoint bus) throws Exception {
    }

    /** Handles one message of its subscriptions; never called concurrently. */
    default void onMessage(Message message) throws Exception {
    }

    /** Stops feeds and releases what {@link #onStart} took. */
    default void onStop() {
    }
}
