package dev.nautilus.bus;

import java.util.concurrent.CompletionStage;

/**
 * What a consumer awaits before it acknowledges a read batch: that every message its handler
 * published has reached the bus durably. A transport used alone awaits its own
 * {@link BusTransport#confirmed()}; the {@link DualMessageBus} gives its transports its own
 * {@link MessageBus#confirmed()}, covering both buses, since a handler on one bus may publish on
 * the other.
 */
@FunctionalInterface
public interface PublishBarrier {

    /**
     * Completes when every message published (its {@code publish} returned) before this call is
     * confirmed; at once when nothing is outstanding. Fails when those messages can no longer be
     * confirmed (the transport closed with them unsent). The barrier is per process, not per
     * handler: messages other threads published before the call count too, which only makes it
     * wait a little longer.
     */
    CompletionStage<Void> confirmed();
}
