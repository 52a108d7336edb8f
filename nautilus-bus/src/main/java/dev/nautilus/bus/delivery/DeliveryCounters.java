package dev.nautilus.bus.delivery;

/** Where {@link DeliveryPolicy} counts what the handler did; each transport keeps its own counters. */
public interface DeliveryCounters {

    /** The handler was called with a message. */
    void countDelivered();

    /** The handler returned normally. */
    void countAcked();

    /** The handler threw something that counts as its failure. */
    void countHandlerFailure();
}
