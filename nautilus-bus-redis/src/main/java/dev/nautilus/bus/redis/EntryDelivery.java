package dev.nautilus.bus.redis;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.TopicPattern;
import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.codec.MalformedEnvelopeException;
import dev.nautilus.bus.delivery.DeliveryOutcome;
import dev.nautilus.bus.delivery.DeliveryPolicy;
import dev.nautilus.bus.redis.resp.PackedEntries;
import dev.nautilus.bus.redis.resp.RawStreamEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the entries a reader read or claimed to the handler under the bus's {@link DeliveryPolicy}
 * and carries out its outcome: acknowledge, dead-letter (then acknowledge), or leave pending to be
 * delivered again after a pause. Entries of other topics (a lane carries the whole type) and
 * entries trimmed away while pending are acknowledged unhandled. A batch is acknowledged only once
 * what its handlers published is confirmed by Redis ({@link PublishConfirmation}). Each message of
 * a packed entry is delivered as an entry of its own, and the entry acknowledged once all of them
 * are done with ({@link #deliverPacked}).
 *
 * <p>An entry the policy gave up on whose dead letter could not be written (Redis full under
 * {@code noeviction} answers {@code OOM}, or unreachable) stays pending and comes back; it then
 * goes straight to its dead letter again, without another round of handling: a full Redis must
 * not turn into a loop of re-handling.
 */
final class EntryDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(EntryDelivery.class);
    private static final DeliveryOutcome.Acknowledge NOT_HANDLED = new DeliveryOutcome.Acknowledge(0);
    /** A packed entry left part-way because the reader is closing: not acknowledged, it comes back whole. */
    private static final DeliveryOutcome.Acknowledge STOPPED_INSIDE = new DeliveryOutcome.Acknowledge(0);
    /** Dead letters owed at most: a failed one stops the batch, so more than a few means many readers' worth. */
    private static final int MAX_OWED = 10_000;

    private final String group;
    private final MessageHandler handler;
    private final RedisTransport transport;
    private final StreamOperations streams;
    private final DeliveryPolicy policy;
    private final EnvelopeCodec codec;
    private final TopicPattern[] patterns;
    private final BooleanSupplier running;
    private final GroupPositions positions;
    private final PublishConfirmation confirmation;
    /** The batch handled last, its acknowledgements waiting for what it published to be confirmed; or null. */
    private BatchAcknowledger held;

    private CompletableFuture<Void> heldConfirmed;
    /** Entries given up on whose dead letter is still to be written, by entry id; bounded by the reads in hand. */
    private final Map<String, DeliveryOutcome.DeadLetter> owedDeadLetters = new HashMap<>();

    EntryDelivery(
            String group,
            List<TopicPattern> patterns,
            MessageHandler handler,
            RedisTransport transport,
            StreamOperations streams,
            GroupPositions positions,
            BooleanSupplier running) {
        this.group = group;
        this.positions = positions;
        this.handler = handler;
        this.transport = transport;
        this.streams = streams;
        this.policy = new DeliveryPolicy(transport.config().maxDeliveries());
        this.codec = transport.codec();
        this.patterns = patterns.toArray(TopicPattern[]::new);
        this.running = running;
        this.confirmation = new PublishConfirmation(
                transport::barrier,
                transport.config().commandTimeout(),
                running,
                group,
                transport.bus().displayName());
    }

    /**
     * Delivers the entries in order and acknowledges those done with once what the handlers
     * published is confirmed (else they stay pending). The batch's acknowledgements are held until
     * the next call (or {@link #settle()}), which first awaits the held batch's confirmation: the
     * publisher flushes while the reader reads and handles the next batch. Stops early when the reader
     * is closed, or at a handler's {@code Error}, which it returns: that entry and the rest stay
     * pending, for the reader to read again after a pause.
     *
     * @param previousDeliveries how often Redis delivered an entry before (to dead consumers)
     */
    Optional<DeliveryOutcome.RedeliverLater> deliverAll(
            List<RawStreamEntry> entries, ToLongFunction<RawStreamEntry> previousDeliveries) {
        if (entries.isEmpty()) {
            settle();
            return Optional.empty();
        }
        BatchAcknowledger acks = new BatchAcknowledger(streams, group, positions);
        try {
            for (RawStreamEntry entry : entries) {
                if (!running.getAsBoolean()) {
                    break;
                }
                DeliveryOutcome outcome = entry.isPacked()
                        ? deliverPacked(entry, previousDeliveries.applyAsLong(entry))
                        : deliver(entry, previousDeliveries.applyAsLong(entry));
                if (outcome instanceof DeliveryOutcome.RedeliverLater later) {
                    return Optional.of(later);
                }
                if (outcome == STOPPED_INSIDE) {
                    break;
                }
                acks.add(entry);
            }
            return Optional.empty();
        } finally {
            settle();
            if (!acks.isEmpty()) {
                held = acks;
                heldConfirmed = confirmation.publishedSoFar();
            }
            if (!running.getAsBoolean()) {
                settle();
            }
        }
    }

    /** Whether a handled batch waits for its outputs to be confirmed: the next read must not block on Redis. */
    boolean holding() {
        return held != null && !heldConfirmed.isDone();
    }

    /**
     * Awaits the held batch's confirmation and queues its acknowledgements, to leave with the next
     * read (at once when the reader is stopping); unconfirmed, its entries stay pending. Called
     * before a read of this consumer's pending entries too, which must not hand them out again.
     */
    void settle() {
        if (held == null) {
            return;
        }
        BatchAcknowledger acks = held;
        CompletableFuture<Void> confirmed = heldConfirmed;
        held = null;
        heldConfirmed = null;
        if (confirmation.await(confirmed, acks.size())) {
            acks.send(!running.getAsBoolean());
        }
    }

    /**
     * Delivers the messages of a packed entry in order, each as an entry of its own: a message
     * given up on is dead-lettered alone and the others handled. The entry is acknowledged (by the
     * caller) only once all of them are done with; interrupted (a handler's {@code Error}, the
     * reader closing, a dead letter Redis refused), it stays pending and all its messages come
     * back, those handled already among them: consumers drop those by their message ids. A body
     * that cannot be split is dead-lettered whole, as an undecodable entry.
     */
    private DeliveryOutcome deliverPacked(RawStreamEntry entry, long previousDeliveries) {
        List<RawStreamEntry> messages;
        try {
            messages = PackedEntries.unpack(entry, codec.limits());
        } catch (MalformedEnvelopeException e) {
            DeliveryOutcome.DeadLetter owed = owedDeadLetters.get(entry.id());
            return deadLetter(entry, owed != null ? owed : policy.undecodable(previousDeliveries + 1, e));
        }
        for (RawStreamEntry message : messages) {
            if (!running.getAsBoolean()) {
                return STOPPED_INSIDE;
            }
            DeliveryOutcome outcome = deliver(message, previousDeliveries);
            if (outcome instanceof DeliveryOutcome.RedeliverLater) {
                return outcome;
            }
        }
        return NOT_HANDLED;
    }

    /** Delivers one entry (or one message of a packed entry); dead-letters it when the policy says so. */
    private DeliveryOutcome deliver(RawStreamEntry entry, long previousDeliveries) {
        DeliveryOutcome.DeadLetter owed = owedDeadLetters.get(entry.id());
        if (owed != null) {
            return deadLetter(entry, owed);
        }
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
        try {
            streams.addDeadLetter(entry, group, decision.deliveries(), decision.reason());
        } catch (RuntimeException e) {
            if (owedDeadLetters.size() < MAX_OWED) {
                owedDeadLetters.put(entry.id(), decision);
            }
            throw e;
        }
        owedDeadLetters.remove(entry.id());
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
