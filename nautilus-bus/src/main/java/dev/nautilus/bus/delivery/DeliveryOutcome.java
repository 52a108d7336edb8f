package dev.nautilus.bus.delivery;

/**
 * How the delivery of one message ended, and so what its transport does with it. Every transport
 * acts on the same outcomes; none of them decides on its own what a failure means.
 */
public sealed interface DeliveryOutcome extends DeliveryDecision
        permits DeliveryOutcome.Acknowledge, DeliveryOutcome.DeadLetter, DeliveryOutcome.RedeliverLater {

    /**
     * Handled, or not for this consumer at all: acknowledge it.
     *
     * @param deliveries attempts it took, 0 when the handler was not called
     */
    record Acknowledge(long deliveries) implements DeliveryOutcome {}

    /**
     * Give up: move it to the dead letters with the reason, then acknowledge it.
     *
     * @param deliveries how many times delivery was attempted
     * @param reason     why, as the dead letter will say
     */
    record DeadLetter(long deliveries, String reason) implements DeliveryOutcome {}

    /**
     * The handler threw an {@link Error} that is not the message's fault (an
     * {@link OutOfMemoryError}, say): do not acknowledge it, keep the consumer alive, and deliver
     * it again after a pause. This attempt does not count towards the delivery limit.
     *
     * @param error what the handler threw
     */
    record RedeliverLater(Error error) implements DeliveryOutcome {}
}
