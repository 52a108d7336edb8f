package dev.nautilus.engines.host;

import dev.nautilus.bus.Message;

/**
 * An engine: a named component with a default port, a wiring (what it reads and writes, from
 * {@link EngineMatrix}) and a lifecycle. The {@link EngineHost} subscribes it as its wiring says and
 * calls {@link #onMessage} one message at a time (never concurrently), so engines are single-writer
 * and need no locks for their own state. Engines know nothing of HTTP.
 */
public interface Engine {

    /** The engine's wiring: name, default port, subscriptions, publications. */
    EngineWiring wiring();

    /** Called once before any message; the context stays valid until {@link #onStop}. */
    void onStart(EngineContext context);

    /** Handles one message the wiring subscribed to. An exception counts as a handler failure. */
    void onMessage(Message message);

    /** Called once at shutdown, after the subscription is closed. */
    default void onStop() {}

    /** The engine's name (its consumer group). */
    default String name() {
        return wiring().name();
    }
}
