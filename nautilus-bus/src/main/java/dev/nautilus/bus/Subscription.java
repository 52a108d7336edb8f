package dev.nautilus.bus;

/** A live subscription. Closing it stops delivery after the message being handled, if any. */
public interface Subscription extends AutoCloseable {

    /** What was subscribed. */
    SubscriptionSpec spec();

    /** Stops delivery and releases the consumer's resources. Idempotent. */
    @Override
    void close();
}
