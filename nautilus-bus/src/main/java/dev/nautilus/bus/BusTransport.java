package dev.nautilus.bus;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The transport seam: carries the messages of one {@link Bus}. Implementations: in-memory (one
 * JVM) and Redis Streams. They share the delivery contract: every subscribed group gets each
 * matching message, consumers of a group share them, higher priorities overtake backlogs, failed
 * handlers are retried a bounded number of times and then dead-lettered, all under the one
 * {@link dev.nautilus.bus.delivery.DeliveryPolicy}.
 */
public interface BusTransport extends AutoCloseable {

    /** The bus this transport carries. */
    Bus bus();

    /**
     * Publishes a message routed to this bus.
     *
     * @throws BusBackpressureException when it cannot be accepted in time
     * @throws IllegalStateException    after {@link #close()}
     */
    void publish(Message message);

    /**
     * Completes when every message published on this transport before the call is confirmed by its
     * backing store (Redis: the {@code XADD} answered; in memory: in its queues, so at once). Asks
     * for buffered messages to be sent now rather than after the buffering interval.
     *
     * @see PublishBarrier#confirmed()
     */
    CompletionStage<Void> confirmed();

    /**
     * Sets what this transport's consumers await after handling a read batch and before
     * acknowledging it; until called, {@link #confirmed()}. A transport without acknowledgements
     * (in memory) ignores it.
     */
    default void acknowledgeAfter(PublishBarrier barrier) {}

    /** Whether this bus splits {@code type} into partitions (SPEC §1.9); false by default. */
    default boolean partitioned(MessageType type) {
        return false;
    }

    /** Starts a consumer. The spec's types are all routed to this bus. */
    Subscription subscribe(SubscriptionSpec spec, MessageHandler handler);

    /** The live subscriptions. */
    List<SubscriptionSpec> subscriptions();

    /** Counters and connection state. */
    TransportStatus status();

    /** The most recent dead letters, newest first. */
    List<DeadLetter> deadLetters(int limit);

    /**
     * Delivers a dead letter of this bus again to its group only, once; see {@link MessageBus#replay}.
     * The mark is set atomically before the delivery and taken back if the delivery fails.
     *
     * @throws DeadLetterReplayedException when it was replayed before
     */
    void replay(DeadLetter letter);

    /** Drains what was published, then stops consumers and releases connections. */
    @Override
    void close();
}
