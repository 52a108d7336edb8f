package dev.nautilus.bus.redis;

import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.delivery.Backoff;
import dev.nautilus.bus.delivery.DeliveryOutcome;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of one group on one bus: a thread that reads every priority lane of its streams
 * with a single blocking {@code XREADGROUP … COUNT … BLOCK} on a connection of its own and hands
 * what it read to {@link EntryDelivery}, whose acknowledgements leave with the next read.
 *
 * <ul>
 *   <li>At start, and after every outage or handler {@code Error}, it first re-reads its own
 *       pending entries ({@code 0}).</li>
 *   <li>Lanes are listed most urgent first, and Redis answers in that order, so an urgent message
 *       is handled before the normal messages of the same read.</li>
 *   <li>Between reads it claims entries left pending by dead consumers ({@link PendingClaimer}).</li>
 *   <li>A failed round is recovered from by {@link ReaderRecovery}; nothing ends the thread but
 *       {@link #close()}.</li>
 * </ul>
 */
final class ConsumerGroupReader implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupReader.class);

    private final SubscriptionSpec spec;
    private final RedisTransport transport;
    private final RedisBusConfig config;
    private final Collection<String> lanes;
    private final StreamOperations streams;
    private final EntryDelivery delivery;
    private final PendingClaimer claimer;
    private final ReaderRecovery recovery;
    private final Thread thread;
    private volatile boolean running = true;
    /** Whether the thread is in a round trip to Redis (possibly blocked in XREADGROUP), not handling. */
    private volatile boolean reading;

    /**
     * @param lanes   the streams to read, most urgent first
     * @param streams the commands, on connections of this reader's (see {@link RedisStreamOperations})
     */
    ConsumerGroupReader(
            SubscriptionSpec spec,
            MessageHandler handler,
            RedisTransport transport,
            Collection<String> lanes,
            StreamOperations streams) {
        this.spec = spec;
        this.transport = transport;
        this.config = transport.config();
        this.lanes = List.copyOf(lanes);
        this.streams = streams;
        this.delivery =
                new EntryDelivery(spec.group(), spec.compiledPatterns(), handler, transport, streams, this::running);
        this.claimer = new PendingClaimer(spec, this.lanes, streams, delivery, config, this::running);
        this.recovery = new ReaderRecovery(
                spec.group(),
                this.lanes,
                streams,
                transport.health(),
                transport.bus().displayName());
        this.thread = Thread.ofPlatform()
                .daemon(true)
                .name("nautilus-" + transport.bus().key() + "-" + spec.group() + "-" + spec.consumer())
                .unstarted(this::run);
    }

    /** Creates the groups (so nothing published from now on is missed), then starts reading. */
    void start() {
        streams.createGroups(
                spec.group(), lanes, config.newGroupsFrom() == RedisBusConfig.GroupStart.NEW_MESSAGES ? "$" : "0");
        thread.start();
    }

    private boolean running() {
        return running;
    }

    private void run() {
        boolean readPending = true;
        Backoff backoff = new Backoff();
        long nextClaim = System.nanoTime() + config.claimInterval().toNanos();
        while (running) {
            try {
                Optional<DeliveryOutcome.RedeliverLater> interrupted = Optional.empty();
                if (System.nanoTime() >= nextClaim) {
                    interrupted = claimer.claimFromDeadConsumers();
                    nextClaim = System.nanoTime() + config.claimInterval().toNanos();
                }
                if (interrupted.isEmpty()) {
                    List<RawStreamEntry> entries = read(readPending);
                    readPending = readPending && !entries.isEmpty();
                    transport.health().succeeded();
                    backoff.reset();
                    interrupted = delivery.deliverAll(entries, entry -> 0);
                }
                if (interrupted.isPresent() && running) {
                    pauseAfterError(interrupted.get().error(), backoff);
                    readPending = true;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                readPending = recovery.recover(e, backoff.nextNanos());
                backoff.grow();
            } catch (Error fatal) {
                // Not out of a handler (the delivery policy answers for those) but ours, e.g. out of
                // memory while decoding: the same cure, a pause and what is pending read again.
                if (!running) {
                    break;
                }
                pauseAfterError(fatal, backoff);
                readPending = true;
            }
        }
        // The last batch's acknowledgements, if the connection is still there to take them.
        streams.flushAcks();
    }

    /**
     * One {@code XREADGROUP}: this consumer's pending entries, or new ones (blocking). It leaves in
     * the same write as the previous batch's acknowledgements: one system call per batch.
     */
    private List<RawStreamEntry> read(boolean pending) {
        reading = true;
        try {
            return streams.readGroup(
                    spec.group(), spec.consumer(), config.readCount(), pending ? null : config.blockTimeout(), lanes);
        } finally {
            reading = false;
        }
    }

    /** A dead thread would leave the group unread without a word; what was not acknowledged comes back. */
    private void pauseAfterError(Error error, Backoff backoff) {
        LOG.error(
                "reader of group {} on the {} bus: {}; reading its pending entries again in {} ms",
                spec.group(),
                transport.bus().displayName(),
                error,
                TimeUnit.NANOSECONDS.toMillis(backoff.nextNanos()));
        backoff.pause();
    }

    @Override
    public SubscriptionSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        transport.removeReader(this);
        if (Thread.currentThread() != thread && !reading) {
            // Handling a batch: it stops after the message in hand and sends the acknowledgements of
            // what it handled before the socket goes, so that those are not delivered again.
            try {
                thread.join(config.blockTimeout().plusSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Closing the connection ends a blocked XREADGROUP at once instead of after BLOCK.
        streams.close();
        if (Thread.currentThread() != thread) {
            try {
                if (!thread.join(config.commandTimeout())) {
                    LOG.warn(
                            "reader {} of group {} still busy in its handler after close",
                            spec.consumer(),
                            spec.group());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
