package dev.nautilus.bus;

/**
 * Handles one delivered message. Returning normally acknowledges it; throwing makes the transport
 * retry it a bounded number of times and then move it to the dead letters with the reason.
 * Calls for one subscription never overlap.
 */
@FunctionalInterface
public interface MessageHandler {

    void onMessage(Message message) throws Exception;
}
