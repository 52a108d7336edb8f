package dev.nautilus.bus.redis;

import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.delivery.Backoff;
import dev.nautilus.bus.delivery.DeliveryOutcome;
import dev.nautilus.bus.redis.resp.RawStreamEntry;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of one group on one bus: a thread that reads every priority lane of its streams
 * with a single blocking {@code XREADGROUP … COUNT … BLOCK} on a connection of its own and hands
 * what it read to {@link EntryDelivery}, whose acknowledgements leave with the next read once what
 * the handlers published is confirmed ({@link PublishConfirmation}).
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
    /** The wait of a read while a handled batch waits for its outputs' confirmation ({@code BLOCK 0} is forever). */
    private static final Duration HOLDING_BLOCK = Duration.ofMillis(1);
    /** How often {@link #close()} looks whether the thread has reached an idle read or ended. */
    private static final long CLOSE_POLL_MILLIS = 2;

    private final SubscriptionSpec spec;
    private final RedisTransport transport;
    private final RedisBusConfig config;
    private final Collection<String> lanes;
    private final String replayLane;
    private final StreamOperations streams;
    private final GroupPositions positions;
    private final EntryDelivery delivery;
    private final PendingClaimer claimer;
    private final ReaderRecovery recovery;
    private final Thread thread;
    private volatile boolean running = true;
    /**
     * Whether the thread waits in a long XREADGROUP with nothing held and Redis has answered the
     * acknowledgements sent with it: closing the socket under it then loses nothing. Set only from
     * that answer, never before the write (a close in between lost the acknowledgements).
     */
    private volatile boolean idle;

    /**
     * @param lanes   the streams to read, most urgent first, the group's replay lane last
     * @param replayLane the group's replay lane, where only dead letters replayed to it arrive
     * @param streams the commands, on connections of this reader's (see {@link RedisStreamOperations})
     * @param stateKey the group's state hash (see {@link GroupPositions})
     */
    ConsumerGroupReader(
            SubscriptionSpec spec,
            MessageHandler handler,
            RedisTransport transport,
            Collection<String> lanes,
            String replayLane,
            StreamOperations streams,
            String stateKey) {
        this.spec = spec;
        this.transport = transport;
        this.config = transport.config();
        this.lanes = List.copyOf(lanes);
        this.replayLane = replayLane;
        this.streams = streams;
        this.positions = new GroupPositions(stateKey, streams);
        this.delivery = new EntryDelivery(
                spec.group(), spec.compiledPatterns(), handler, transport, streams, positions, this::running);
        this.claimer = new PendingClaimer(spec, this.lanes, streams, delivery, config, this::running);
        this.recovery = new ReaderRecovery(
                spec.group(),
                this.lanes,
                streams,
                positions,
                transport.health(),
                transport.bus().displayName());
        this.thread = Thread.ofPlatform()
                .daemon(true)
                .name("nautilus-" + transport.bus().key() + "-" + spec.group() + "-" + spec.consumer())
                .unstarted(this::run);
    }

    /**
     * Creates the groups (so nothing published from now on is missed), then starts reading. A group
     * that is missing but has a recorded position (destroyed while no reader ran) starts there.
     */
    void start() {
        String fresh = config.newGroupsFrom() == RedisBusConfig.GroupStart.NEW_MESSAGES ? "$" : "0";
        Map<String, String> otherwise = new LinkedHashMap<>();
        lanes.forEach(lane -> otherwise.put(lane, fresh));
        // Whatever the replay lane holds was replayed for this group: a new group reads all of it.
        otherwise.put(replayLane, "0");
        streams.createGroupsAt(spec.group(), positions.startingPoints(otherwise));
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
                    if (readPending || !delivery.holding()) {
                        // Confirmed already: its acknowledgements leave with this read. Before a read
                        // of the pending entries, the held batch (pending too) must not be handed out again.
                        delivery.settle();
                    }
                    List<RawStreamEntry> entries = read(readPending);
                    readPending = readPending && !entries.isEmpty();
                    interrupted = delivery.deliverAll(entries, entry -> 0);
                    // Only a round that got through counts as a success: one whose dead letter
                    // Redis refused (full, under noeviction) backs off like an outage.
                    transport.health().succeeded();
                    backoff.reset();
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
        // The last batch's acknowledgements, if its outputs are confirmed and the connection is still there.
        try {
            delivery.settle();
        } catch (RuntimeException gone) {
            // The connection closed first: those entries stay pending and come back (at-least-once).
        }
        streams.flushAcks();
    }

    /**
     * One {@code XREADGROUP}: this consumer's pending entries, or new ones (blocking, unless a
     * handled batch still waits for its outputs' confirmation: then an empty answer lets it be
     * acknowledged before the reader blocks). It leaves in the same write as the acknowledgements
     * settled since the last read: one system call per batch.
     */
    private List<RawStreamEntry> read(boolean pending) {
        // Not null while holding: that would read this consumer's pending entries, the held ones among them.
        Duration block = pending ? null : delivery.holding() ? HOLDING_BLOCK : config.blockTimeout();
        Runnable acknowledged = block == config.blockTimeout() ? () -> idle = true : () -> {};
        try {
            return streams.readGroup(spec.group(), spec.consumer(), config.readCount(), block, lanes, acknowledged);
        } finally {
            idle = false;
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
        if (Thread.currentThread() != thread) {
            // Handling a batch, in a short read while a handled batch waits for its outputs'
            // confirmation, or writing acknowledgements: it stops after the message in hand, awaits
            // that confirmation and sends the acknowledgements before the socket goes, so that
            // those are not delivered again. Only an idle long read is cut short.
            awaitIdleOrEnd(
                    System.nanoTime() + config.blockTimeout().plusSeconds(1).toNanos());
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

    private void awaitIdleOrEnd(long deadline) {
        try {
            while (!idle && thread.isAlive() && System.nanoTime() < deadline) {
                thread.join(CLOSE_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
