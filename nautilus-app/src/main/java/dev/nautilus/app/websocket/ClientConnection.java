package dev.nautilus.app.websocket;

import dev.nautilus.bus.TopicPattern;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connected client: its patterns, its counters and its bounded outbound queue.
 *
 * <p>The slow-client policy lives here. Frames handed to the socket and not yet written are the
 * client's queue; it may hold at most {@code maxQueuedFrames} frames and about
 * {@code maxQueuedBytes} bytes. A frame offered to a full queue is dropped (the newest is dropped:
 * what is queued is already on its way), counted, and reported to the client in a
 * {@code {"type":"dropped","count":N}} frame once its queue has drained to half. A client that
 * reads slowly therefore receives a sample of its messages; one that drops every frame offered to
 * it for {@code slowClientTimeout} (it reads nothing) is disconnected. Server memory per client is
 * bounded by the queue whatever the client does; the frames themselves are shared by all clients.
 */
public final class ClientConnection {

    private final String id;
    private final int lane;
    private final FrameSink sink;
    private final Instant connectedAt = Instant.now();
    private final int maxQueuedFrames;
    private final long maxQueuedBytes;
    private final long slowClientTimeoutNanos;
    private final WebSocketCounters totals;

    private final Set<TopicPattern> patterns = new LinkedHashSet<>(); // guarded by this
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong unreportedDrops = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long droppingSince; // System.nanoTime() of the first drop of the current run, 0 while none
    private volatile long heardAt = System.nanoTime();
    private RequestRate rate; // guarded by this; made on the first request

    ClientConnection(
            String id,
            int lane,
            FrameSink sink,
            int maxQueuedFrames,
            long maxQueuedBytes,
            long slowClientTimeoutNanos,
            WebSocketCounters totals) {
        this.id = id;
        this.lane = lane;
        this.sink = sink;
        this.maxQueuedFrames = maxQueuedFrames;
        this.maxQueuedBytes = maxQueuedBytes;
        this.slowClientTimeoutNanos = slowClientTimeoutNanos;
        this.totals = totals;
    }

    /** The server-assigned id. */
    public String id() {
        return id;
    }

    /** The fan-out lane that writes this client's messages. */
    int lane() {
        return lane;
    }

    /**
     * Queues a frame unless the queue is full.
     *
     * @param message whether it carries a bus message (counted in {@link #messages()})
     * @return whether it was queued
     */
    boolean offer(OutboundFrame frame, boolean message) {
        if (closed.get()) {
            return false;
        }
        int size = frame.size();
        int queued;
        do {
            queued = queuedFrames.get();
            if (queued >= maxQueuedFrames || (queued > 0 && queuedBytes.get() + size > maxQueuedBytes)) {
                drop(message);
                return false;
            }
        } while (!queuedFrames.compareAndSet(queued, queued + 1));
        queuedBytes.addAndGet(size);
        droppingSince = 0;
        sink.send(frame.view(), () -> written(size, message), failure -> released(size));
        return true;
    }

    private void written(int size, boolean message) {
        released(size);
        bytes.addAndGet(size);
        totals.bytesSent.add(size);
        if (message) {
            messages.incrementAndGet();
            totals.messagesSent.increment();
        }
        if (unreportedDrops.get() > 0 && queuedFrames.get() <= maxQueuedFrames / 2) {
            long count = unreportedDrops.getAndSet(0);
            if (count > 0 && !offer(ServerFrames.dropped(count), false)) {
                unreportedDrops.addAndGet(count); // the notice itself did not fit; report them later
            }
        }
    }

    private void released(int size) {
        queuedFrames.decrementAndGet();
        queuedBytes.addAndGet(-size);
    }

    /** Counts a dropped message (other frames dropped are not reported) and disconnects a client that drains nothing. */
    private void drop(boolean message) {
        if (message) {
            dropped.incrementAndGet();
            unreportedDrops.incrementAndGet();
            totals.dropped.increment();
        }
        long now = System.nanoTime();
        long since = droppingSince;
        if (since == 0) {
            droppingSince = now == 0 ? 1 : now;
        } else if (now - since > slowClientTimeoutNanos && closed.compareAndSet(false, true)) {
            totals.slowDisconnects.increment();
            sink.disconnect();
        }
    }

    /**
     * Adds patterns unless the client would then hold more than {@code cap}; returns those that were new.
     *
     * @throws ClientRequest.BadClientRequest when the cap would be passed (nothing is added)
     */
    synchronized List<TopicPattern> addPatterns(List<TopicPattern> added, int cap) {
        long fresh =
                added.stream().distinct().filter(p -> !patterns.contains(p)).count();
        if (patterns.size() + fresh > cap) {
            throw new ClientRequest.BadClientRequest("at most " + cap + " patterns per client; this one holds "
                    + patterns.size() + " and asked for " + fresh + " more: unsubscribe some first");
        }
        return added.stream().filter(patterns::add).toList();
    }

    /** Notes that the client sent something, for the idle timeout. */
    void heard(long nowNanos) {
        heardAt = nowNanos;
    }

    /** When the client last sent anything, as {@link System#nanoTime()}. */
    long heardAt() {
        return heardAt;
    }

    /** Whether another request now keeps the client within {@code perSecond} requests a second. */
    synchronized boolean withinRate(int perSecond, long nowNanos) {
        if (rate == null) {
            rate = new RequestRate(perSecond, nowNanos);
        }
        return rate.tryAcquire(nowNanos);
    }

    /** Closes the connection with a close frame saying why. */
    void close(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            sink.close(code, reason);
        }
    }

    /** The other end's host. */
    String remoteHost() {
        return sink.remoteHost();
    }

    /** Removes patterns; returns those that were there. */
    synchronized List<TopicPattern> removePatterns(List<TopicPattern> removed) {
        return removed.stream().filter(patterns::remove).toList();
    }

    /** The patterns subscribed, in subscription order. */
    public synchronized List<TopicPattern> patterns() {
        return List.copyOf(patterns);
    }

    /** Marks the connection closed: nothing more is queued. */
    void markClosed() {
        closed.set(true);
    }

    /** Closes the socket at once. */
    void disconnect() {
        if (closed.compareAndSet(false, true)) {
            sink.disconnect();
        }
    }

    /** Drops the connection even if a close frame was sent: its close handshake did not finish in time. */
    void dropAfterClose() {
        closed.set(true);
        sink.disconnect();
    }

    /** Whether the connection was closed (by either side or by the slow-client policy). */
    public boolean closed() {
        return closed.get();
    }

    /** Bus messages written to this client. */
    public long messages() {
        return messages.get();
    }

    /** Bytes written to this client, all frames included. */
    public long bytes() {
        return bytes.get();
    }

    /** Bus messages dropped by the slow-client policy. */
    public long dropped() {
        return dropped.get();
    }

    /** Frames queued and not yet written. */
    public int queuedFrames() {
        return queuedFrames.get();
    }

    /** Bytes queued and not yet written. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** A snapshot for {@code GET /clients}. */
    public ClientStats stats() {
        return new ClientStats(
                id,
                sink.remoteAddress(),
                connectedAt.toString(),
                patterns().stream().map(TopicPattern::pattern).toList(),
                messages(),
                bytes(),
                dropped(),
                queuedFrames(),
                queuedBytes());
    }

    /**
     * One client as {@code GET /clients} shows it.
     *
     * @param queuedFrames frames handed to the socket and not yet written
     */
    public record ClientStats(
            String id,
            String remote,
            String connectedAt,
            List<String> patterns,
            long messages,
            long bytes,
            long dropped,
            int queuedFrames,
            long queuedBytes) {}
}
