package dev.nautilus.bus.delivery;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageHandler;
import java.util.Optional;

/**
 * The one retry and dead-letter policy of every transport: a handler that returns has handled the
 * message; one that throws is tried again until {@code maxDeliveries} attempts, then the message
 * goes to the dead letters with the reason; an undecodable message goes there at once.
 *
 * <p>What a thrown {@link Error} means is decided here, once. A {@link StackOverflowError} is the
 * handler's own (deeply nested input, say) and already unwound when it reaches us: a failure like
 * any other. Any other {@code Error} ({@link OutOfMemoryError}, a linkage error) says nothing about
 * the message: the consumer must neither die of it (a dead consumer leaves its group unread
 * without a word) nor dead-letter a good message, so the message is delivered again after a pause.
 */
public final class DeliveryPolicy {

    private final int maxDeliveries;

    /** @param maxDeliveries handler attempts per message before it is dead-lettered, at least 1 */
    public DeliveryPolicy(int maxDeliveries) {
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("maxDeliveries must be at least 1, was " + maxDeliveries);
        }
        this.maxDeliveries = maxDeliveries;
    }

    public int maxDeliveries() {
        return maxDeliveries;
    }

    /**
     * Hands the message to the handler until it is handled, given up on, or interrupted by an
     * {@code Error} that is not the message's; counts every attempt.
     *
     * @param previousDeliveries attempts already made by consumers that never answered (a claimed
     *                           entry of a dead consumer), 0 for a fresh message
     * @return never a {@link DeliveryDecision.Retry}: those are done here
     */
    public DeliveryOutcome deliver(
            Message message, MessageHandler handler, long previousDeliveries, DeliveryCounters counters) {
        long deliveries = previousDeliveries;
        while (true) {
            deliveries++;
            counters.countDelivered();
            Throwable failure = null;
            try {
                handler.onMessage(message);
                counters.countAcked();
            } catch (Throwable thrown) {
                failure = thrown;
            }
            switch (afterAttempt(deliveries, failure)) {
                case DeliveryDecision.Retry retry -> counters.countHandlerFailure();
                case DeliveryOutcome.DeadLetter giveUp -> {
                    counters.countHandlerFailure();
                    return giveUp;
                }
                case DeliveryOutcome outcome -> {
                    return outcome;
                }
            }
        }
    }

    /**
     * What follows one attempt.
     *
     * @param deliveries attempts so far, this one included
     * @param failure    what the handler threw, {@code null} if it returned
     */
    public DeliveryDecision afterAttempt(long deliveries, Throwable failure) {
        if (failure == null) {
            return new DeliveryOutcome.Acknowledge(deliveries);
        }
        if (failure instanceof Error error && !(failure instanceof StackOverflowError)) {
            return new DeliveryOutcome.RedeliverLater(error);
        }
        if (deliveries >= maxDeliveries) {
            return new DeliveryOutcome.DeadLetter(deliveries, "handler failed " + deliveries + " times: " + failure);
        }
        return new DeliveryDecision.Retry(deliveries, failure);
    }

    /** A message that cannot be decoded is never handed to a handler: dead-letter it at once. */
    public DeliveryOutcome.DeadLetter undecodable(long deliveries, Exception cause) {
        return new DeliveryOutcome.DeadLetter(deliveries, "undecodable: " + cause.getMessage());
    }

    /**
     * A message that consumers took {@code previousDeliveries} times without ever answering (each
     * died while handling it) is given up on once that reaches the limit, without another try.
     */
    public Optional<DeliveryOutcome.DeadLetter> abandonedAfter(long previousDeliveries) {
        if (previousDeliveries < maxDeliveries) {
            return Optional.empty();
        }
        return Optional.of(new DeliveryOutcome.DeadLetter(
                previousDeliveries,
                "delivered " + previousDeliveries + " times without an acknowledgement (consumer died each time)"));
    }
}
