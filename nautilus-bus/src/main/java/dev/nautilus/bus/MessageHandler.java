package dev.nautilus.bus;

/**
 * Handles one delivered message. Returning normally acknowledges it; throwing makes the transport
 * retry it a bounded number of times and then move it to the dead letters with the reason. An
 * {@link Error} other than {@link StackOverflowError} is not held against the message: it is
 * delivered again after a pause (see {@link dev.nautilus.bus.delivery.DeliveryPolicy}).
 * Calls for one subscription never overlap.
 */
@FunctionalInterface
public interface MessageHandler {

    void onMessage(Message message) throws Exception;
}
