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
        closeAll(parts);
    }

    /** Closes every one of {@code subscriptions}; the first failure is thrown, the others suppressed in it. */
    public static void closeAll(List<? extends Subscription> subscriptions) {
        RuntimeException failure = null;
        for (Subscription subscription : subscriptions) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
