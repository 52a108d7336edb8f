package dev.nautilus.bus.redis;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.TopicPattern;
import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.codec.MalformedEnvelopeException;
import dev.nautilus.bus.delivery.DeliveryOutcome;
import dev.nautilus.bus.delivery.DeliveryPolicy;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the entries a reader read or claimed to the handler under the bus's {@link DeliveryPolicy}
 * and carries out its outcome: acknowledge, dead-letter (then acknowledge), or leave pending to be
 * delivered again after a pause. Entries of other topics (a lane carries the whole type) and
 * entries trimmed away while pending are acknowledged unhandled.
 */
final class EntryDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(EntryDelivery.class);
    private static final DeliveryOutcome.Acknowledge NOT_HANDLED = new DeliveryOutcome.Acknowledge(0);

    private final String group;
    private final MessageHandler handler;
    private final RedisTransport transport;
    private final StreamOperations streams;
    private final DeliveryPolicy policy;
    private final EnvelopeCodec codec;
    private final TopicPattern[] patterns;
    private final BooleanSupplier running;

    EntryDelivery(
            String group,
            List<TopicPattern> patterns,
            MessageHandler handler,
            RedisTransport transport,
            StreamOperations streams,
            BooleanSupplier running) {
        this.group = group;
        this.handler = handler;
        this.transport = transport;
        this.streams = streams;
        this.policy = new DeliveryPolicy(transport.config().maxDeliveries());
        this.codec = transport.codec();
        this.patterns = patterns.toArray(TopicPattern[]::new);
        this.running = running;
    }

    /**
     * Delivers the entries in order and acknowledges those done with. Stops early when the reader
     * is closed, or at a handler's {@code Error}, which it returns: that entry and the rest stay
     * pending, for the reader to read again after a pause.
     *
     * @param previousDeliveries how often Redis delivered an entry before (to dead consumers)
     */
    Optional<DeliveryOutcome.RedeliverLater> deliverAll(
            List<RawStreamEntry> entries, ToLongFunction<RawStreamEntry> previousDeliveries) {
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        BatchAcknowledger acks = new BatchAcknowledger(streams, group);
        try {
            for (RawStreamEntry entry : entries) {
                if (!running.getAsBoolean()) {
                    break;
                }
                if (deliver(entry, previousDeliveries.applyAsLong(entry))
                        instanceof DeliveryOutcome.RedeliverLater later) {
                    return Optional.of(later);
                }
                acks.add(entry);
            }
            return Optional.empty();
        } finally {
            acks.send(!running.getAsBoolean());
        }
    }

    /** Delivers one entry; dead-letters it when the policy says so. */
    private DeliveryOutcome deliver(RawStreamEntry entry, long previousDeliveries) {
        Optional<DeliveryOutcome.DeadLetter> abandoned = policy.abandonedAfter(previousDeliveries);
        if (abandoned.isPresent()) {
            return deadLetter(entry, abandoned.get());
        }
        if (entry.isEmpty()) {
            // Trimmed away (MAXLEN) while pending: nothing left to deliver.
            return NOT_HANDLED;
        }
        Message message;
        try {
            message = codec.decode(entry, entry.id());
        } catch (MalformedEnvelopeException e) {
            return deadLetter(entry, policy.undecodable(previousDeliveries + 1, e));
        }
        if (!matches(message.topic())) {
            return NOT_HANDLED;
        }
        DeliveryOutcome outcome = policy.deliver(message, handler, previousDeliveries, transport.counters());
        return outcome instanceof DeliveryOutcome.DeadLetter giveUp ? deadLetter(entry, giveUp) : outcome;
    }

    private boolean matches(String topic) {
        for (TopicPattern pattern : patterns) {
            if (pattern.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    /** Writes the dead letter; when that fails the entry is not acknowledged either, so nothing is lost. */
    private DeliveryOutcome.DeadLetter deadLetter(RawStreamEntry entry, DeliveryOutcome.DeadLetter decision) {
        streams.addDeadLetter(entry, group, decision.deliveries(), decision.reason());
        transport.counters().deadLettered.increment();
        LOG.warn(
                "dead-lettered {} {} of group {} on the {} bus: {}",
                entry.stream(),
                entry.id(),
                group,
                transport.bus().displayName(),
                decision.reason());
        return decision;
    }
}
