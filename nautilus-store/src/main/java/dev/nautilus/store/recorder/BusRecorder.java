package dev.nautilus.store.recorder;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.TopicPattern;
import dev.nautilus.store.ingest.Ingest;
import dev.nautilus.store.ingest.IngestBackPressureException;
import dev.nautilus.store.model.StoredRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists chosen bus traffic: one consumer group ({@code recorder}) subscribed to the rules'
 * patterns, each message mapped to rows and submitted to the store's {@link Ingest}.
 *
 * <p>Acknowledges after commit: the handler returns (and the bus acknowledges the message) only once
 * the message's rows are committed. While the store cannot be written the handler waits — the
 * ingest retries without end — which is the push-back: the bus stops reading for this group, the
 * messages stay pending on Redis (or queued in memory), {@link #healthy()} is false, and recording
 * resumes by itself when the database returns. Nothing is dropped, and a message delivered again
 * (after a crash, by a claim) is stored once: the store skips rows whose key it holds.
 *
 * <p>Throughput: the ingest commits at once whatever is queued, so one waiting handler means one
 * row per commit. The recorder therefore subscribes {@code consumers} consumers of its group (named
 * {@code <instance>}, {@code <instance>.2}, …), which the bus feeds in parallel: their rows share
 * batches, up to {@code consumers} messages per commit.
 *
 * <p>Nothing is silently dropped: a message no rule can map throws, so the bus retries it and then
 * dead-letters it with the reason.
 */
public final class BusRecorder implements AutoCloseable {

    /** The consumer group of the recorder on the buses. */
    public static final String GROUP = "recorder";
    /**
     * Default consumers of the recorder's group in one process: a commit takes a few milliseconds
     * (the write-ahead log's sync), so throughput is about consumers / commit latency; 32 gave some
     * 4,500 messages/s on the reference machine (docs/BENCHMARKS.md) at the cost of 32 idle readers.
     */
    public static final int DEFAULT_CONSUMERS = 32;

    private static final Logger LOG = LoggerFactory.getLogger(BusRecorder.class);
    /** How long a handler waits for a commit before it checks whether the recorder is closing. */
    private static final long WAIT_SLICE_MILLIS = 500;

    private final List<RecordingRule> rules;
    private final TopicPattern[] patterns;
    private final Ingest ingest;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final LongAdder recorded = new LongAdder();
    private final LongAdder pushBacks = new LongAdder();
    private final AtomicInteger waiting = new AtomicInteger();
    /** Mappers may keep state (the trade rule ranks trades of one microsecond): one message at a time. */
    private final Object mapping = new Object();

    private volatile boolean closed;

    /** Subscribes {@link #DEFAULT_CONSUMERS} consumers at once. */
    public BusRecorder(MessageBus bus, Ingest ingest, List<RecordingRule> rules, String instance) {
        this(bus, ingest, rules, instance, DEFAULT_CONSUMERS);
    }

    /**
     * Subscribes at once.
     *
     * @param instance  this recorder's consumer name, e.g. {@code recorder-1}
     * @param consumers consumers of the group this recorder runs, at least 1
     */
    public BusRecorder(MessageBus bus, Ingest ingest, List<RecordingRule> rules, String instance, int consumers) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a recorder needs at least one rule");
        }
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be >= 1, was " + consumers);
        }
        this.rules = List.copyOf(rules);
        this.patterns =
                rules.stream().map(r -> TopicPattern.compile(r.pattern())).toArray(TopicPattern[]::new);
        this.ingest = ingest;
        Set<MessageType> types = EnumSet.noneOf(MessageType.class);
        List<String> topicPatterns = new ArrayList<>();
        for (RecordingRule rule : rules) {
            types.addAll(rule.types());
            if (!topicPatterns.contains(rule.pattern())) {
                topicPatterns.add(rule.pattern());
            }
        }
        for (int i = 1; i <= consumers; i++) {
            String consumer = i == 1 ? instance : instance + "." + i;
            subscriptions.add(bus.subscribe(new SubscriptionSpec(GROUP, consumer, topicPatterns, types), this::record));
        }
        LOG.info("recording {} to the store ({} consumers)", topicPatterns, consumers);
    }

    private void record(Message message) {
        for (int i = 0; i < rules.size(); i++) {
            RecordingRule rule = rules.get(i);
            if (rule.types().contains(message.type()) && patterns[i].matches(message.topic())) {
                List<? extends StoredRecord> rows;
                synchronized (mapping) {
                    rows = rule.mapper().apply(message);
                }
                if (!rows.isEmpty()) {
                    awaitCommit(message, rows);
                    recorded.add(rows.size());
                }
                return;
            }
        }
        throw new IllegalArgumentException(
                "no recording rule maps " + message.type().wireName() + " " + message.topic());
    }

    /** Hands the rows to the ingest and returns once they are committed; waits as long as the store is away. */
    private void awaitCommit(Message message, List<? extends StoredRecord> rows) {
        waiting.incrementAndGet();
        try {
            while (true) {
                stopIfClosed(message, null);
                CompletableFuture<Long> committed;
                try {
                    committed = ingest.submitCommitted(rows);
                } catch (IngestBackPressureException e) {
                    // The queue stayed full: the store is behind or away. Keep the message and try again;
                    // rows of it already queued will be written, and the store skips them the second time.
                    pushBacks.increment();
                    continue;
                } catch (IllegalStateException e) {
                    throw new StoreUnavailableError(
                            "the store is closed; message " + message.id() + " not recorded", e);
                }
                if (awaitCommitted(message, committed)) {
                    return;
                }
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Whether the rows committed; false if their batch was given up and they must be submitted again. */
    private boolean awaitCommitted(Message message, CompletableFuture<Long> committed) {
        while (true) {
            try {
                committed.get(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                stopIfClosed(message, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableError("interrupted waiting for the commit of message " + message.id(), e);
            } catch (ExecutionException e) {
                // Only a closing store or a bounded-retry ingest gives a batch up.
                stopIfClosed(message, e);
                LOG.warn(
                        "recorder: the batch of message {} was not committed ({}); submitting it again",
                        message.id(),
                        e.getCause().toString());
                return false;
            }
        }
    }

    /**
     * Gives the message up (unacknowledged) only when the recorder is closing and the store cannot
     * write: a closing recorder with a working store still records what its consumers hold, which
     * takes a commit, rather than bouncing it back to the bus.
     */
    private void stopIfClosed(Message message, Exception cause) {
        if (closed && !healthy()) {
            throw new StoreUnavailableError(
                    "recorder closing while the store cannot write; message " + message.id() + " not acknowledged",
                    cause);
        }
    }

    /** Rows committed so far. */
    public long recorded() {
        return recorded.sum();
    }

    /** Times a handler found the ingest queue full and tried again (the store was behind or away). */
    public long pushBacks() {
        return pushBacks.sum();
    }

    /** Handlers waiting for a commit now. */
    public int waiting() {
        return waiting.get();
    }

    /** Whether the store takes the recorder's rows: false (health DOWN) while its writes fail. */
    public boolean healthy() {
        return !ingest.counters().failing();
    }

    /**
     * Stops recording; the ingest (owned by the store) is not closed. The consumers are closed in
     * parallel: each may be finishing the messages it holds, one commit each.
     */
    @Override
    public void close() {
        closed = true;
        List<Thread> closers = subscriptions.stream()
                .map(subscription -> Thread.ofVirtual().name("recorder-close").start(() -> close(subscription)))
                .toList();
        for (Thread closer : closers) {
            try {
                closer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void close(Subscription subscription) {
        try {
            subscription.close();
        } catch (RuntimeException e) {
            LOG.warn("recorder: closing a consumer failed", e);
        }
    }
}
