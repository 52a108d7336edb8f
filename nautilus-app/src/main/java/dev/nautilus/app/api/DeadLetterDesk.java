package dev.nautilus.app.api;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DeadLetter;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.codec.MalformedEnvelopeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists, inspects and replays dead letters over the transport-neutral {@link MessageBus} API: a
 * dead letter keeps the envelope as received, so replaying decodes it and publishes it again, with
 * its original id (handlers are idempotent by id), onto the stream its type routes to.
 */
final class DeadLetterDesk {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDesk.class);

    /** How far back {@link #find} looks on each bus. */
    static final int SEARCH_DEPTH = 10_000;

    private final MessageBus bus;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    DeadLetterDesk(MessageBus bus) {
        this.bus = bus;
    }

    /** The newest dead letters of one bus, or of both (MarketData first) when {@code which} is empty. */
    List<DeadLetter> list(Optional<Bus> which, int limit) {
        List<DeadLetter> letters = new ArrayList<>();
        for (Bus b : which.map(List::of).orElse(List.of(Bus.values()))) {
            letters.addAll(bus.deadLetters(b, limit));
        }
        return letters;
    }

    /** The newest dead letter of a bus with the given original id. */
    Optional<DeadLetter> find(Bus which, String originalId) {
        return bus.deadLetters(which, SEARCH_DEPTH).stream()
                .filter(d -> d.originalId().equals(originalId))
                .findFirst();
    }

    /**
     * Publishes a dead letter's message again.
     *
     * @return the message published
     * @throws UnreplayableException when its envelope cannot be decoded (the reason it died, often)
     */
    Message replay(DeadLetter letter) {
        Message message;
        try {
            message = codec.decode(letter.envelope(), letter.originalId());
        } catch (MalformedEnvelopeException | IllegalArgumentException e) {
            throw new UnreplayableException("dead letter " + letter.originalId()
                    + " cannot be replayed: its envelope does not decode: " + e.getMessage());
        }
        bus.publish(message);
        LOG.info(
                "replayed dead letter id={} bus={} stream={} type={} topic={}",
                letter.originalId(),
                letter.bus(),
                letter.stream(),
                message.type().wireName(),
                message.topic());
        return message;
    }

    /** A dead letter whose envelope is malformed: it can be inspected, not replayed. */
    static final class UnreplayableException extends RuntimeException {
        UnreplayableException(String message) {
            super(message);
        }
    }
}
