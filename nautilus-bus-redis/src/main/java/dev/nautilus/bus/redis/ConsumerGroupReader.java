package dev.nautilus.bus.redis;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.TopicPattern;
import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.codec.MalformedEnvelopeException;
import dev.nautilus.bus.redis.resp.RawStreamEntry;
import dev.nautilus.bus.redis.resp.RespSocket;
import dev.nautilus.bus.redis.resp.StreamEntriesReply;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of one group on one bus: a thread that reads every priority lane of its streams
 * with a single blocking {@code XREADGROUP … COUNT … BLOCK} on a connection of its own, hands the
 * matching messages to the handler, and acknowledges them in one {@code XACK} per stream and batch,
 * pipelined on the same connection ahead of its next read.
 *
 * <ul>
 *   <li>At start, and after every outage, it first re-reads its own pending entries ({@code 0}).</li>
 *   <li>Lanes are listed most urgent first, and Redis answers in that order, so an urgent message
 *       is handled before the normal messages of the same read.</li>
 *   <li>A failing handler is retried up to {@code maxDeliveries} times, then the message goes to
 *       the dead-letter stream with the reason; an undecodable entry goes there at once.</li>
 *   <li>Between reads it claims entries left pending by dead consumers ({@code XAUTOCLAIM}),
 *       dead-lettering those already delivered {@code maxDeliveries} times.</li>
 *   <li>{@code NOGROUP} (stream deleted, Redis restarted empty) recreates the groups once; a
 *       second {@code NOGROUP} within a second backs off instead of looping.</li>
 * </ul>
 */
final class ConsumerGroupReader implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupReader.class);
    private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final SubscriptionSpec spec;
    private final MessageHandler handler;
    private final RedisTransport transport;
    private final RedisBusConfig config;
    private final EnvelopeCodec codec;
    private final TopicPattern[] patterns;
    private final Map<String, Priority> lanes;
    private final Consumer<String> consumer;
    private final Thread thread;
    private RespSocket socket;
    private volatile boolean running = true;
    /** Whether the thread is in a round trip to Redis (possibly blocked in XREADGROUP), not handling. */
    private volatile boolean reading;
    private long lastHealNanos = Long.MIN_VALUE;

    ConsumerGroupReader(SubscriptionSpec spec, MessageHandler handler, RedisTransport transport, Map<String, Priority> lanes) {
        this.spec = spec;
        this.handler = handler;
        this.transport = transport;
        this.config = transport.config();
        this.codec = transport.codec();
        this.patterns = spec.compiledPatterns().toArray(TopicPattern[]::new);
        this.lanes = lanes;
        this.consumer = Consumer.from(spec.group(), spec.consumer());
        this.thread = Thread.ofPlatform().daemon(true)
                .name("nautilus-" + transport.bus().key() + "-" + spec.group() + "-" + spec.consumer())
                .unstarted(this::run);
    }

    /** Creates the groups (so nothing published from now on is missed), then starts reading. */
    void start() {
        createGroups(config.newGroupsFrom() == RedisBusConfig.GroupStart.NEW_MESSAGES ? "$" : "0");
        // A read waits up to BLOCK on the server, then the reply may take the command timeout.
        socket = transport.connections().readerSocket(spec.group(), lanes.keySet(), config.blockTimeout().plus(config.commandTimeout()));
        thread.start();
    }

    private void createGroups(String from) {
        List<RedisFuture<String>> created = new ArrayList<>();
        for (String stream : lanes.keySet()) {
            created.add(transport.connections().async()
                    .xgroupCreate(StreamOffset.from(stream, from), spec.group(), new XGroupCreateArgs().mkstream(true)));
        }
        transport.connections().flush();
        for (RedisFuture<String> future : created) {
            try {
                future.get(config.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating group " + spec.group(), e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("cannot create consumer group '" + spec.group() + "' on the "
                        + transport.bus().displayName() + " bus: XGROUP CREATE not answered within "
                        + config.commandTimeout().toMillis() + " ms", e);
            } catch (Exception e) {
                if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                    throw new IllegalStateException("cannot create consumer group '" + spec.group() + "' on the "
                            + transport.bus().displayName() + " bus: " + ConnectionHealth.describe(e), e);
                }
            }
        }
    }

    private void run() {
        String[] pendingRead = readArgs(false);
        String[] newRead = readArgs(true);
        boolean readPending = true;
        long backoff = MIN_BACKOFF_NANOS;
        long nextClaim = System.nanoTime() + config.claimInterval().toNanos();
        while (running) {
            try {
                if (System.nanoTime() >= nextClaim) {
                    claimFromDeadConsumers();
                    nextClaim = System.nanoTime() + config.claimInterval().toNanos();
                }
                List<RawStreamEntry> entries;
                if (readPending) {
                    entries = read(pendingRead);
                    readPending = !entries.isEmpty();
                } else {
                    entries = read(newRead);
                }
                transport.health().succeeded();
                backoff = MIN_BACKOFF_NANOS;
                handleBatch(entries);
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                // Whatever recovery throws too (Redis still unreachable while groups are recreated,
                // no node answering a topology refresh) is reported and retried: the thread never dies.
                try {
                    readPending = recover(e, backoff);
                } catch (RuntimeException recoveryFailed) {
                    transport.health().failed("reader " + spec.group(), recoveryFailed);
                    LockSupport.parkNanos(backoff);
                    readPending = true;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
            } catch (Error fatal) {
                // e.g. OutOfMemoryError out of a handler: a dead thread would leave the group
                // unread without a word. What was not acknowledged is read again after the pause.
                if (!running) {
                    break;
                }
                LOG.error("reader of group {} on the {} bus: {}; reading its pending entries again in {} ms", spec.group(),
                        transport.bus().displayName(), fatal, TimeUnit.NANOSECONDS.toMillis(backoff));
                LockSupport.parkNanos(backoff);
                readPending = true;
                backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
            }
        }
        // The last batch's acknowledgements, if the connection is still there to take them.
        socket.flushQuietly();
    }

    /**
     * Recovers from a failed round: recreates missing groups ({@code NOGROUP}), follows a moved slot
     * ({@code MOVED}/{@code ASK}, after a pause: a slot being migrated answers {@code ASK} until it
     * is done), or reports the failure and pauses. Returns whether to re-read this consumer's
     * pending entries next.
     */
    private boolean recover(RuntimeException failure, long backoff) {
        String text = failure instanceof RedisCommandExecutionException ? String.valueOf(failure.getMessage()) : "";
        if (text.startsWith("NOGROUP") || text.startsWith("UNBLOCKED")) {
            healMissingGroups(text);
            return false;
        }
        if (text.startsWith("MOVED") || text.startsWith("ASK")) {
            // The slot moved to another node (failover, resharding): connect to where it is now.
            LOG.info("group {} on the {} bus: {}; following it", spec.group(), transport.bus().displayName(), text);
            LockSupport.parkNanos(backoff);
            transport.connections().refreshTopology();
            socket.reconnect();
            return true;
        }
        transport.health().failed("reader " + spec.group(), failure);
        LockSupport.parkNanos(backoff);
        return true;
    }

    /**
     * One {@code XREADGROUP}, sent in the same write as the acknowledgements of the previous
     * batch: one system call per batch. Their replies come first; a failed acknowledgement is
     * reported and otherwise harmless (the entry stays pending and comes back: at-least-once).
     */
    private List<RawStreamEntry> read(String[] command) {
        reading = true;
        try {
            socket.command(command);
            socket.flush();
            for (RuntimeException refused : socket.readOwedReplies("XACK")) {
                transport.health().failed("ack " + spec.group(), refused);
            }
            return StreamEntriesReply.read(socket);
        } finally {
            reading = false;
        }
    }

    /**
     * {@code XREADGROUP GROUP g c COUNT n [BLOCK ms] STREAMS lane… id…}: every lane, most urgent
     * first; {@code 0} re-reads this consumer's pending entries, {@code >} reads new ones.
     */
    private String[] readArgs(boolean newEntries) {
        List<String> args = new ArrayList<>(List.of("XREADGROUP", "GROUP", spec.group(), spec.consumer(),
                "COUNT", Integer.toString(config.readCount())));
        if (newEntries) {
            args.add("BLOCK");
            args.add(Long.toString(config.blockTimeout().toMillis()));
        }
        args.add("STREAMS");
        args.addAll(lanes.keySet());
        lanes.keySet().forEach(lane -> args.add(newEntries ? ">" : "0"));
        return args.toArray(String[]::new);
    }

    private void healMissingGroups(String error) {
        long now = System.nanoTime();
        if (lastHealNanos != Long.MIN_VALUE && now - lastHealNanos < TimeUnit.SECONDS.toNanos(1)) {
            LOG.error("group {} on the {} bus missing again right after being recreated ({}); backing off",
                    spec.group(), transport.bus().displayName(), error);
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
        lastHealNanos = System.nanoTime();
        // The streams are new (deleted, or Redis restarted empty): everything in them is unseen.
        createGroups("0");
        LOG.warn("recreated consumer group {} on {} streams of the {} bus after: {}", spec.group(), lanes.size(),
                transport.bus().displayName(), error);
    }

    private void handleBatch(List<RawStreamEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, List<String>> acks = new LinkedHashMap<>();
        for (RawStreamEntry entry : entries) {
            if (!running) {
                break;
            }
            handleEntry(entry, 0);
            acks.computeIfAbsent(entry.stream(), k -> new ArrayList<>()).add(entry.id());
        }
        acknowledge(acks);
    }

    /**
     * Handles one entry; {@code previousDeliveries} is how often Redis delivered it before (for
     * claimed entries). Returns when the entry may be acknowledged.
     */
    private void handleEntry(RawStreamEntry entry, long previousDeliveries) {
        if (entry.isEmpty()) {
            // Trimmed away (MAXLEN) while pending: nothing left to deliver.
            return;
        }
        Message message;
        try {
            message = codec.decode(entry, entry.id());
        } catch (MalformedEnvelopeException e) {
            deadLetter(entry, previousDeliveries + 1, "undecodable: " + e.getMessage());
            return;
        }
        if (!matches(message.topic())) {
            return;
        }
        long attempt = previousDeliveries;
        while (true) {
            attempt++;
            transport.counters().delivered.increment();
            try {
                handler.onMessage(message);
                transport.counters().acked.increment();
                return;
            } catch (Throwable failure) {
                // A stack overflow is the handler's own (deeply nested input, say) and already
                // unwound: a failure like any other. Other VM errors are not the message's.
                if (failure instanceof VirtualMachineError fatal && !(failure instanceof StackOverflowError)) {
                    throw fatal;
                }
                transport.counters().handlerFailures.increment();
                if (attempt >= config.maxDeliveries()) {
                    deadLetter(entry, attempt, "handler failed " + attempt + " times: " + failure);
                    return;
                }
            }
        }
    }

    private boolean matches(String topic) {
        for (TopicPattern pattern : patterns) {
            if (pattern.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    private void deadLetter(RawStreamEntry entry, long deliveries, String reason) {
        try {
            transport.deadLetters().write(entry.stream(), entry.id(), entry.body(), spec.group(), deliveries, reason);
            transport.counters().deadLettered.increment();
            LOG.warn("dead-lettered {} {} of group {} on the {} bus: {}", entry.stream(), entry.id(), spec.group(),
                    transport.bus().displayName(), reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + entry.id(), e);
        } catch (Exception e) {
            // Not acknowledged either: it stays pending and comes back, so nothing is lost.
            throw new IllegalStateException("cannot dead-letter " + entry.stream() + " " + entry.id() + ": "
                    + ConnectionHealth.describe(e), e);
        }
    }

    /**
     * Acknowledges on the reader's own connection without waiting: the acks leave with the next
     * read, Redis runs commands of one connection in order, so they are applied before that read,
     * and the handler thread never waits a round trip for them; a reader being closed sends them at
     * once. An ack lost in an outage only means a redelivery later: at-least-once holds.
     */
    private void acknowledge(Map<String, List<String>> acks) {
        for (Map.Entry<String, List<String>> stream : acks.entrySet()) {
            List<String> ids = stream.getValue();
            String[] command = new String[3 + ids.size()];
            command[0] = "XACK";
            command[1] = stream.getKey();
            command[2] = spec.group();
            for (int i = 0; i < ids.size(); i++) {
                command[3 + i] = ids.get(i);
            }
            socket.commandReplyLater(command);
        }
        if (!running) {
            socket.flushQuietly();
        }
    }

    /**
     * Takes over entries idle longer than {@code claimIdle} in other (dead) consumers of the group.
     * The first look at every lane is one pipelined round trip; only lanes with more to claim
     * take further ones.
     */
    private void claimFromDeadConsumers() {
        Map<String, RedisFuture<ClaimedMessages<String, String>>> firstRound = new LinkedHashMap<>();
        for (String stream : lanes.keySet()) {
            firstRound.put(stream, transport.connections().async().xautoclaim(stream, claimArgs("0-0")));
        }
        for (Map.Entry<String, RedisFuture<ClaimedMessages<String, String>>> lane : firstRound.entrySet()) {
            String stream = lane.getKey();
            ClaimedMessages<String, String> claimed = await(lane.getValue());
            int rounds = 0;
            while (running) {
                if (!claimed.getMessages().isEmpty()) {
                    LOG.info("group {} consumer {} claimed {} pending entries of {} from dead consumers", spec.group(),
                            spec.consumer(), claimed.getMessages().size(), stream);
                    handleClaimed(stream, claimed.getMessages());
                }
                if ("0-0".equals(claimed.getId()) || ++rounds >= 100) {
                    break;
                }
                claimed = await(transport.connections().async().xautoclaim(stream, claimArgs(claimed.getId())));
            }
        }
    }

    private XAutoClaimArgs<String> claimArgs(String cursor) {
        return XAutoClaimArgs.Builder.xautoclaim(consumer, config.claimIdle(), cursor).count(config.readCount());
    }

    private void handleClaimed(String stream, List<StreamMessage<String, String>> messages) {
        Map<String, Long> deliveries = new HashMap<>();
        String first = messages.get(0).getId();
        String last = messages.get(messages.size() - 1).getId();
        List<PendingMessage> pending = await(transport.connections().async().xpending(stream, new XPendingArgs<String>()
                .group(spec.group()).consumer(consumer).range(Range.create(first, last)).limit(Limit.from(messages.size() * 2L))));
        for (PendingMessage p : pending) {
            deliveries.put(p.getId(), p.getRedeliveryCount());
        }
        Map<String, List<String>> acks = new LinkedHashMap<>();
        for (StreamMessage<String, String> claimed : messages) {
            RawStreamEntry entry = RawStreamEntry.of(claimed);
            // XAUTOCLAIM already counted this delivery; earlier ones are what the dead consumers used.
            long previous = Math.max(0, deliveries.getOrDefault(entry.id(), 1L) - 1);
            if (previous >= config.maxDeliveries()) {
                deadLetter(entry, previous, "delivered " + previous + " times without an acknowledgement (consumer died each time)");
            } else {
                handleEntry(entry, previous);
            }
            acks.computeIfAbsent(stream, k -> new ArrayList<>()).add(entry.id());
        }
        acknowledge(acks);
    }

    private <T> T await(RedisFuture<T> future) {
        transport.connections().flush();
        return await(future, config.commandTimeout(), "Redis");
    }

    private static <T> T await(RedisFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new RedisCommandTimeoutException(what + " did not answer within " + timeout.toMillis() + " ms");
        }
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
        // Closing the socket ends a blocked XREADGROUP at once instead of after BLOCK.
        socket.close();
        if (Thread.currentThread() != thread) {
            try {
                if (!thread.join(config.commandTimeout())) {
                    LOG.warn("reader {} of group {} still busy in its handler after close", spec.consumer(), spec.group());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
