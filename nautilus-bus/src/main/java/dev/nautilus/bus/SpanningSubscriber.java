package dev.nautilus.bus;

import java.util.Optional;

/**
 * Takes a subscription whose types lie on both buses as one piece, when its transports must
 * coordinate the parts: a Redis bus holds partition {@code n} of a group's partitioned types on both
 * buses as one unit (SPEC §1.9), so that state joined across the buses moves with it whole.
 */
@FunctionalInterface
public interface SpanningSubscriber {

    /** Each bus's transport takes its part: the default of a {@link DualMessageBus}. */
    SpanningSubscriber NONE = (spec, handler) -> Optional.empty();

    /**
     * Subscribes {@code spec} whole, or answers empty when its parts need no coordination (each
     * bus's transport then takes its own part).
     *
     * @param handler called one message at a time over every part
     */
    Optional<Subscription> subscribe(SubscriptionSpec spec, MessageHandler handler);
}
