package dev.nautilus.bus;

import java.util.Map;

/**
 * A message that could not be handled: undecodable, or its handler failed on every allowed delivery.
 *
 * @param bus             the bus it was read from
 * @param group           the consumer group that gave up on it
 * @param stream          the stream (or in-memory channel) it came from
 * @param originalId      its id on that stream
 * @param reason          why it was dead-lettered
 * @param deliveries      how many times delivery was attempted
 * @param deadAtMicros    when it was dead-lettered, microseconds since the epoch
 * @param envelope        the envelope fields as received, for inspection and replay
 */
public record DeadLetter(
        Bus bus,
        String group,
        String stream,
        String originalId,
        String reason,
        long deliveries,
        long deadAtMicros,
        Map<String, String> envelope) {

    public DeadLetter {
        envelope = Map.copyOf(envelope);
    }
}
