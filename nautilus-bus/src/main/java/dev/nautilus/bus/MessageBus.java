package dev.nautilus.bus;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The API engines talk through. A message goes to the bus its type is routed to by the
 * {@link RoutingTable}; callers never pick a bus. See {@link BusEndpoint} for the per-engine view
 * with request/reply.
 */
public interface MessageBus extends AutoCloseable {

    /** The routing in force. */
    RoutingTable routing();

    /**
     * Publishes a message on the bus its type is routed to.
     *
     * @throws BusBackpressureException when the bus cannot accept it in time
     */
    void publish(Message message);

    /**
     * Completes when every message published on either bus before the call is confirmed; the
     * barrier a consumer awaits before acknowledging what it handled.
     *
     * @see PublishBarrier#confirmed()
     */
    CompletionStage<Void> confirmed();

    /**
     * Makes this bus's consumers await {@code condition} as well as {@link #confirmed()} before they
     * acknowledge a handled batch; its {@code confirmed()} is taken, like the publish barrier, once
     * the batch is handled. An engine host uses it to acknowledge only what a stored snapshot of the
     * engines' state already includes, so that a restarted engine, restored from that snapshot, is
     * delivered everything after it again. A transport without acknowledgements (in memory) has
     * nothing to hold back.
     *
     * @throws UnsupportedOperationException when this bus cannot hold its acknowledgements back
     */
    default void acknowledgeAlsoAfter(PublishBarrier condition) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot hold acknowledgements back");
    }

    /**
     * Subscribes a consumer. A subscription whose types span both buses reads both, and its handler
     * is still never called concurrently.
     */
    Subscription subscribe(SubscriptionSpec spec, MessageHandler handler);

    /**
     * Whether {@code type} is split into partitions (SPEC §1.9), whose instances of one group share
     * its keys; false by default.
     */
    default boolean partitioned(MessageType type) {
        return false;
    }

    /** The live subscriptions, across both buses. */
    List<SubscriptionSpec> subscriptions();

    /** One status per bus. */
    List<TransportStatus> status();

    /** The most recent dead letters of a bus, newest first. */
    List<DeadLetter> deadLetters(Bus bus, int limit);

    /**
     * Delivers a dead letter's message again, with its original id, to the group that gave up on it
     * only (the other groups handled it already), and marks the letter replayed.
     *
     * @throws DeadLetterReplayedException when it was replayed before
     * @throws BusBackpressureException    when the bus cannot take it now (it stays unreplayed)
     */
    void replay(DeadLetter letter);

    /** A view of this bus for one engine instance. */
    default BusEndpoint endpoint(String engine, String instance) {
        return new BusEndpoint(this, engine, instance);
    }

    /** Drains publish buffers, stops consumers, closes connections. */
    @Override
    void close();
}
