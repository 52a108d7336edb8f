package dev.nautilus.bus.delivery;

/**
 * What {@link DeliveryPolicy} decides after one handler attempt: deliver the message again at once
 * ({@link Retry}), or one of the final {@link DeliveryOutcome}s.
 */
public sealed interface DeliveryDecision permits DeliveryDecision.Retry, DeliveryOutcome {

    /**
     * The handler failed and may be tried again at once.
     *
     * @param deliveries attempts so far, this one included
     * @param failure    what the handler threw
     */
    record Retry(long deliveries, Throwable failure) implements DeliveryDecision {}
}
