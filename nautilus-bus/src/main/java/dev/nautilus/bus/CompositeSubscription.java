package dev.nautilus.bus;

import java.util.List;

/**
 * One subscription made of several consumers (one per bus, or one per type on a Redis Cluster);
 * closing it closes every part, even when one of them fails to close.
 *
 * @param spec  what was subscribed, as asked
 * @param parts the consumers that serve it
 */
public record CompositeSubscription(SubscriptionSpec spec, List<? extends Subscription> parts) implements Subscription {

    public CompositeSubscription {
        parts = List.copyOf(parts);
    }

    /** The only part when there is one, else a composite of them all. */
    public static Subscription of(SubscriptionSpec spec, List<? extends Subscription> parts) {
        return parts.size() == 1 ? parts.get(0) : new CompositeSubscription(spec, parts);
    }

    @Override
    public void close() {
        Closeables.closeEach(parts, Subscription::close);
    }
}
