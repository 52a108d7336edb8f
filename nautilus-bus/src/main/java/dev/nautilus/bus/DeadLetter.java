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
 * @param replayed        whether it was replayed (to its group, once: see {@link MessageBus#replay})
 */
public record DeadLetter(
        Bus bus,
        String group,
        String stream,
        String originalId,
        String reason,
        long deliveries,
        long deadAtMicros,
        Map<String, String> envelope,
        boolean replayed) {

    public DeadLetter {
        envelope = Map.copyOf(envelope);
    }

    /** A dead letter not replayed (yet). */
    public DeadLetter(
            Bus bus,
            String group,
            String stream,
            String originalId,
            String reason,
            long deliveries,
            long deadAtMicros,
            Map<String, String> envelope) {
        this(bus, group, stream, originalId, reason, deliveries, deadAtMicros, envelope, false);
    }

    /** The same dead letter, marked replayed or not. */
    public DeadLetter withReplayed(boolean value) {
        return new DeadLetter(bus, group, stream, originalId, reason, deliveries, deadAtMicros, envelope, value);
    }

    /**
     * What identifies this dead letter for its replay mark: its group and original id (one message
     * dead-lettered by two groups is two letters, each replayed to its own group).
     */
    public String replayKey() {
        return group + "|" + originalId;
    }
}
