package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.BusBackpressureException;
import dev.nautilus.bus.BusCounters;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.codec.EnvelopeLimits;
import dev.nautilus.bus.redis.resp.XaddEncoder;
import io.lettuce.core.RedisCommandTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to Redis in pipelined batches of {@code XADD … MAXLEN ~ N}.
 *
 * <p>Batching is "smart": when nothing is buffered or being sent, a message is written at once by
 * the publishing thread; otherwise the flusher sends whatever is buffered as soon as it is free,
 * up to {@code bufferSize} per batch, so under load batches grow by themselves; no message waits longer than {@code bufferInterval} unless Redis itself is
 * slower than that. {@code FLASH_CRASH} and {@code URGENT} messages skip the buffer and are written
 * by the caller's thread. A publisher faster than Redis waits for room in the buffer
 * ({@code maxBufferedWhileDown} messages). While Redis is unreachable, messages stay buffered up to
 * that bound and are retried with back-off; past it, publishing fails at once with
 * {@link BusBackpressureException} and the rejection is counted. On close, the buffer is
 * drained before the connection closes.
 *
 * <p>Every message it buffers or writes directly gets the next number; Redis's confirmations move
 * the highest number below which all are confirmed, and {@link #confirmed()} (the barrier readers
 * await before acknowledging what they handled) completes once that reaches the last number given
 * out at its call. Confirmations come mostly in order (one connection); the few that overtake (an
 * urgent message buffered at the head, another node of a cluster) wait in a small heap. An urgent
 * message written by the caller's thread is confirmed before {@code publish} returns and needs no
 * number.
 *
 * <p>Messages of the {@linkplain RedisBusConfig#packedTypes() packed types} that a batch holds for
 * one stream go out as one packed entry ({@link dev.nautilus.bus.redis.resp.PackedEntries}), confirmed
 * together; written directly (nothing else buffered) or at an urgent priority, a message is an
 * ordinary entry.
 */
final class BatchingPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingPublisher.class);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(2);

    /**
     * One message ready to send: its stream, its bytes, and its number (0: none yet). The bytes
     * are the finished XADD command, or for a message of a packed type its {@linkplain
     * XaddEncoder#envelope envelope}, which goes out packed with others of its stream or, alone,
     * as an ordinary entry.
     */
    private record Entry(String stream, byte[] bytes, boolean packable, long number) {
        Entry numbered(long value) {
            return new Entry(stream, bytes, packable, value);
        }
    }

    private final Bus bus;
    private final StreamLanes lanes;
    private final XaddEncoder encoder;
    /** By type ordinal: whether its messages are packed (never those of urgent priorities). */
    private final boolean[] packedTypes;

    private final int maxPackedBodyBytes;
    private final RedisConnections connections;
    private final RedisBusConfig config;
    private final BusCounters counters;
    private final ConnectionHealth health;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeFlusher = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final Condition spaceAvailable = lock.newCondition();
    private final ArrayDeque<Entry> buffer = new ArrayDeque<>();
    private final Thread flusher;
    private int inFlight;
    private volatile boolean closing;
    /** The direct write in flight, if any (at most one: see {@link #publish}); guarded by the lock. */
    private CompletableFuture<Void> direct;

    private long directSince;
    /** The last number given out, and the highest below which every message is confirmed; guarded by the lock. */
    private long accepted;

    private long confirmedUpTo;
    /** Numbers confirmed ahead of {@link #confirmedUpTo}'s next; guarded by the lock. */
    private final PriorityQueue<Long> confirmedAhead = new PriorityQueue<>();
    /** Barriers not reached yet, by ascending number; guarded by the lock. */
    private final ArrayDeque<Barrier> barriers = new ArrayDeque<>();
    /** Set when messages were given up (closed with Redis unreachable): their barriers never complete; guarded. */
    private boolean gaveUp;

    /** A {@link #confirmed()} call waiting for every number up to {@code upTo}. */
    private record Barrier(long upTo, CompletableFuture<Void> reached) {}

    private volatile long closeDeadline = Long.MAX_VALUE;

    BatchingPublisher(
            Bus bus,
            StreamLanes lanes,
            EnvelopeCodec codec,
            RedisConnections connections,
            RedisBusConfig config,
            BusCounters counters,
            ConnectionHealth health) {
        this.bus = bus;
        this.lanes = lanes;
        this.encoder = new XaddEncoder(codec, config.streamMaxLen());
        this.packedTypes = new boolean[MessageType.values().length];
        config.packedTypes().forEach(type -> packedTypes[type.ordinal()] = true);
        this.maxPackedBodyBytes = codec.limits().maxPackedBodyBytes();
        this.connections = connections;
        this.config = config;
        this.counters = counters;
        this.health = health;
        this.flusher = Thread.ofPlatform()
                .daemon(true)
                .name("nautilus-" + bus.key() + "-publisher")
                .start(this::flushLoop);
    }

    /**
     * Encodes and queues (or, for urgent priorities, writes at once) one message.
     *
     * @throws BusBackpressureException when Redis has been unreachable long enough to fill the buffer
     * @throws dev.nautilus.bus.PayloadException when the payload cannot be encoded or is too large
     */
    void publish(Message message) {
        if (closing) {
            throw new IllegalStateException("the " + bus.displayName() + " bus is closed");
        }
        String stream = lanes.key(message);
        // Packing holds messages for a batch, which urgent priorities never wait for.
        Entry entry =
                packedTypes[message.type().ordinal()] && !message.priority().flushesImmediately()
                        ? new Entry(stream, encoder.envelope(message), true, 0)
                        : new Entry(stream, encoder.encode(stream, message), false, 0);
        if (message.priority().flushesImmediately() && sendUrgent(entry)) {
            counters.published.increment();
            return;
        }
        lock.lock();
        try {
            if (closing) {
                // checked again under the lock: close() may have begun since, and the flusher may be gone
                throw new IllegalStateException("the " + bus.displayName() + " bus is closed");
            }
            awaitSpace();
            if (buffer.size() >= config.maxBufferedWhileDown()) {
                counters.rejected.increment();
                throw new BusBackpressureException("publish buffer of the " + bus.displayName() + " bus is full ("
                        + buffer.size() + " messages waiting"
                        + (health.failing() ? " while Redis is unreachable: " + health.lastError() : "") + "); message "
                        + message.id() + " (" + message.topic() + ") was not published");
            }
            entry = entry.numbered(++accepted);
            if (buffer.isEmpty() && inFlight == 0 && !health.failing()) {
                // Idle: write at once from this thread, confirmed asynchronously. Issued under the
                // lock while no batch is being sent, so the order on the connection is publish order.
                sendDirect(entry);
            } else {
                if (message.priority().flushesImmediately()) {
                    buffer.addFirst(entry);
                } else {
                    buffer.addLast(entry);
                }
                if (buffer.size() == 1 || buffer.size() >= config.bufferSize()) {
                    wakeFlusher.signal();
                }
            }
        } finally {
            lock.unlock();
        }
        counters.published.increment();
    }

    /**
     * Called with the lock held. With Redis reachable, a full buffer only means the publisher is
     * faster than Redis: wait for the flusher (back-pressure), up to the command timeout. While
     * Redis is unreachable, fail at once instead: the bound is what keeps memory finite.
     */
    private void awaitSpace() {
        long remaining = config.commandTimeout().toNanos();
        while (buffer.size() >= config.maxBufferedWhileDown() && !health.failing() && remaining > 0 && !closing) {
            try {
                remaining = spaceAvailable.awaitNanos(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Completes when every message accepted before this call (its {@link #publish} returned) is
     * confirmed by Redis; at once when none is outstanding. Wakes the flusher, so that a waiting
     * batch leaves now (unless it is backing off from an outage). Fails when the publisher closed
     * with those messages unsent.
     */
    CompletionStage<Void> confirmed() {
        lock.lock();
        try {
            if (confirmedUpTo == accepted) {
                return CompletableFuture.completedStage(null);
            }
            if (gaveUp) {
                return CompletableFuture.failedStage(new IllegalStateException(
                        "the " + bus.displayName() + " bus closed with messages unpublished"));
            }
            Barrier last = barriers.peekLast();
            if (last == null || last.upTo() != accepted) {
                last = new Barrier(accepted, new CompletableFuture<>());
                barriers.addLast(last);
            }
            if (!health.failing()) {
                wakeFlusher.signal();
            }
            return last.reached().minimalCompletionStage();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called with the lock held: Redis confirmed message {@code number}. Returns the barriers this
     * reached, to be completed once the lock is released (their waiters must not run under it).
     */
    private List<Barrier> confirm(long number, List<Barrier> reached) {
        if (number != confirmedUpTo + 1) {
            confirmedAhead.add(number);
            return reached;
        }
        confirmedUpTo = number;
        while (!confirmedAhead.isEmpty() && confirmedAhead.peek() == confirmedUpTo + 1) {
            confirmedUpTo = confirmedAhead.poll();
        }
        while (!barriers.isEmpty() && barriers.peekFirst().upTo() <= confirmedUpTo) {
            if (reached.isEmpty()) {
                reached = new ArrayList<>(2);
            }
            reached.add(barriers.pollFirst());
        }
        return reached;
    }

    private static void complete(List<Barrier> reached) {
        reached.forEach(b -> b.reached().complete(null));
    }

    /** Called with the lock held, when buffered messages are dropped: their barriers fail. */
    private List<Barrier> giveUpBarriers() {
        gaveUp = true;
        List<Barrier> failed = new ArrayList<>(barriers);
        barriers.clear();
        return failed;
    }

    private void fail(List<Barrier> failed) {
        IllegalStateException error = new IllegalStateException("the " + bus.displayName()
                + " bus closed with messages unpublished: Redis unreachable (" + health.lastError() + ")");
        failed.forEach(b -> b.reached().completeExceptionally(error));
    }

    /** Called with the lock held. A failed write puts the entry back at the head of the buffer for the flusher. */
    private void sendDirect(Entry entry) {
        inFlight++;
        CompletableFuture<Void> added = sendAlone(entry);
        connections.flushXadds();
        if (!added.isDone()) {
            direct = added; // watched by the flusher, see expireDirectWhenOverdue
            directSince = System.nanoTime();
        }
        added.whenComplete((ignored, error) -> {
            List<Barrier> reached = List.of();
            lock.lock();
            try {
                if (direct == added) {
                    direct = null;
                }
                inFlight--;
                if (error != null) {
                    health.failed("publisher", error);
                    buffer.addFirst(entry);
                    wakeFlusher.signal();
                } else {
                    reached = confirm(entry.number(), reached);
                    if (buffer.isEmpty() && inFlight == 0) {
                        drained.signalAll();
                        if (closing) {
                            wakeFlusher.signal(); // it may stop now
                        }
                    }
                }
            } finally {
                lock.unlock();
            }
            complete(reached);
        });
    }

    /**
     * Called with the lock held. Lettuce's own per-command timeouts are off (each one is a timer
     * task holding its command for the whole timeout, which at 10,000 msg/s kept 100,000 commands
     * alive and doubled garbage-collection pauses), so the one direct write that can be in flight
     * is watched by the flusher: unanswered after the command timeout (a Redis that hangs without
     * closing the connection), it fails within twice that, which puts its entry back in the buffer
     * and reports the outage.
     */
    private boolean expireDirectWhenOverdue() {
        if (System.nanoTime() - directSince < config.commandTimeout().toNanos()) {
            return false;
        }
        CompletableFuture<Void> stuck = direct;
        direct = null;
        stuck.completeExceptionally(xaddNotAnswered());
        return true;
    }

    private RedisCommandTimeoutException xaddNotAnswered() {
        return new RedisCommandTimeoutException(
                "XADD not answered within " + config.commandTimeout().toMillis() + " ms");
    }

    /** Writes one urgent entry now; false when Redis did not take it (it is then buffered for retry). */
    private boolean sendUrgent(Entry entry) {
        try {
            CompletableFuture<Void> added = sendAlone(entry);
            connections.flushXadds();
            added.get(config.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            health.succeeded();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            health.failed("urgent publish", e);
            return false;
        }
    }

    private void flushLoop() {
        long backoff = TimeUnit.MILLISECONDS.toNanos(50);
        while (true) {
            List<Entry> batch;
            lock.lock();
            try {
                // Closing, it stays until a direct write still in flight is answered: if that fails,
                // its entry comes back to the buffer and is retried like any other.
                while (buffer.isEmpty() && !(closing && inFlight == 0)) {
                    // Idle, it still looks at the direct write at least once per command timeout.
                    long timeout = config.commandTimeout().toNanos();
                    if (direct == null) {
                        wakeFlusher.awaitNanos(timeout);
                    } else if (!expireDirectWhenOverdue()) {
                        wakeFlusher.awaitNanos(directSince + timeout - System.nanoTime());
                    }
                }
                if (buffer.isEmpty()) {
                    drained.signalAll();
                    return;
                }
                int size = Math.min(buffer.size(), config.bufferSize());
                batch = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    batch.add(buffer.pollFirst());
                }
                inFlight += size;
                spaceAvailable.signalAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            boolean[] failed = send(batch);
            boolean anyFailed = false;
            List<Barrier> reached = List.of();
            List<Barrier> givenUp = List.of();
            lock.lock();
            try {
                inFlight -= batch.size();
                for (int i = 0; i < batch.size(); i++) {
                    if (!failed[i]) {
                        reached = confirm(batch.get(i).number(), reached);
                    }
                }
                for (int i = batch.size() - 1; i >= 0; i--) {
                    if (failed[i]) {
                        buffer.addFirst(batch.get(i));
                        anyFailed = true;
                    }
                }
                if (buffer.isEmpty() && inFlight == 0) {
                    drained.signalAll();
                }
                if (anyFailed) {
                    // Back off on the condition, so that close() can still wake us to give up.
                    wakeFlusher.awaitNanos(backoff);
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
                    if (closing && System.nanoTime() > closeDeadline) {
                        LOG.error(
                                "closing the {} bus with {} messages unpublished: Redis unreachable ({})",
                                bus.displayName(),
                                buffer.size(),
                                health.lastError());
                        counters.rejected.add(buffer.size());
                        buffer.clear();
                        givenUp = giveUpBarriers();
                        drained.signalAll();
                        return;
                    }
                } else {
                    backoff = TimeUnit.MILLISECONDS.toNanos(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
                complete(reached);
                fail(givenUp);
            }
        }
    }

    /** An entry written on its own: an ordinary entry, whatever its type. */
    private CompletableFuture<Void> sendAlone(Entry entry) {
        return connections.sendXadd(
                entry.stream(), entry.packable() ? encoder.single(entry.stream(), entry.bytes()) : entry.bytes());
    }

    /**
     * Pipelines the batch in one flush and returns which of its entries (by position) Redis did
     * not take; of a packed entry, all or none. Entries of types not packed go first, one XADD
     * each in batch order; then each packed type's stream, its entries packed together in order
     * ({@link #pack}). A stream's messages keep their order.
     */
    private boolean[] send(List<Entry> batch) {
        List<CompletableFuture<Void>> results = new ArrayList<>(batch.size());
        // The batch position of each single XADD, then the positions each packed XADD carries.
        int[] singles = new int[batch.size()];
        int single = 0;
        Map<String, IntList> packs = null;
        for (int i = 0; i < batch.size(); i++) {
            Entry entry = batch.get(i);
            if (!entry.packable()) {
                results.add(connections.sendXadd(entry.stream(), entry.bytes()));
                singles[single++] = i;
            } else {
                if (packs == null) {
                    packs = new LinkedHashMap<>();
                }
                packs.computeIfAbsent(entry.stream(), s -> new IntList()).add(i);
            }
        }
        List<int[]> packed = new ArrayList<>();
        if (packs != null) {
            packs.forEach((stream, members) -> pack(stream, members, batch, results, packed));
        }
        connections.flushXadds();
        boolean[] failed = new boolean[batch.size()];
        long deadline = System.nanoTime() + config.commandTimeout().toNanos();
        Exception firstError = null;
        for (int i = 0; i < results.size(); i++) {
            try {
                results.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (int rest = i; rest < results.size(); rest++) {
                    markFailed(rest, singles, single, packed, failed);
                }
                break;
            } catch (Exception e) {
                markFailed(i, singles, single, packed, failed);
                if (firstError == null) {
                    firstError = e instanceof TimeoutException ? xaddNotAnswered() : e;
                }
            }
        }
        if (firstError != null) {
            health.failed("publisher", firstError);
        } else {
            health.succeeded();
        }
        return failed;
    }

    /** Marks the entries XADD {@code write} carried as failed. */
    private static void markFailed(int write, int[] singles, int single, List<int[]> packed, boolean[] failed) {
        if (write < single) {
            failed[singles[write]] = true;
            return;
        }
        for (int member : packed.get(write - single)) {
            failed[member] = true;
        }
    }

    /**
     * Sends one stream's entries of a packed type as packed entries, a new one begun at the count
     * or body bound (a message alone goes as an ordinary entry); adds each XADD's result to
     * {@code results} and the batch positions it carries to {@code packed}.
     */
    private void pack(
            String stream,
            IntList members,
            List<Entry> batch,
            List<CompletableFuture<Void>> results,
            List<int[]> packed) {
        int from = 0;
        while (from < members.size) {
            int to = from;
            long body = 0;
            while (to < members.size
                    && to - from < EnvelopeLimits.MAX_PACKED_MESSAGES
                    && (to == from || body + batch.get(members.at(to)).bytes().length <= maxPackedBodyBytes)) {
                body += batch.get(members.at(to)).bytes().length;
                to++;
            }
            int[] chunk = members.slice(from, to);
            if (chunk.length == 1) {
                results.add(connections.sendXadd(
                        stream, encoder.single(stream, batch.get(chunk[0]).bytes())));
            } else {
                List<byte[]> envelopes = new ArrayList<>(chunk.length);
                for (int member : chunk) {
                    envelopes.add(batch.get(member).bytes());
                }
                results.add(connections.sendXadd(stream, encoder.packed(stream, envelopes)));
            }
            packed.add(chunk);
            from = to;
        }
    }

    /** A growable list of batch positions. */
    private static final class IntList {
        int[] values = new int[16];
        int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int at(int index) {
            return values[index];
        }

        int[] slice(int from, int to) {
            return Arrays.copyOfRange(values, from, to);
        }
    }

    /** Messages buffered or being sent. */
    int queued() {
        lock.lock();
        try {
            return buffer.size() + inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until everything buffered so far has been written (or the timeout passes). */
    boolean awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!buffer.isEmpty() || inFlight > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                drained.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Drains the buffer (giving up after the command timeout if Redis stays unreachable), then stops. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
        } finally {
            lock.unlock();
        }
        // Direct writes still in flight and the buffer: let them reach Redis while it answers.
        awaitDrained(config.commandTimeout());
        lock.lock();
        try {
            closeDeadline = System.nanoTime() + config.commandTimeout().toNanos();
            closing = true;
            wakeFlusher.signal();
        } finally {
            lock.unlock();
        }
        try {
            flusher.join(config.commandTimeout().multipliedBy(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Whatever is still unconfirmed now never will be: no reader may acknowledge on it.
        List<Barrier> givenUp;
        lock.lock();
        try {
            givenUp = confirmedUpTo == accepted ? List.of() : giveUpBarriers();
        } finally {
            lock.unlock();
        }
        fail(givenUp);
    }
}
