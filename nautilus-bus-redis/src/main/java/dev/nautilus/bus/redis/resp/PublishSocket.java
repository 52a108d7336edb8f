package dev.nautilus.bus.redis.resp;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;

/**
 * The publisher's connection on a single Redis: pipelined commands written as finished bytes by the
 * publishing thread straight into a blocking socket, their replies read by a thread of this
 * connection and matched to them in order. A Lettuce write goes through its event loop, one more
 * thread to wake per message; this saves that hop (docs/BENCHMARKS.md).
 *
 * <p>{@link #send} never throws: a command that cannot be written (Redis unreachable, connection
 * lost) gets a failed future, as does every command still awaiting its reply when the connection
 * breaks, and every one left unanswered longer than the command timeout (a Redis that hangs without
 * closing the connection): the connection is then dropped. The next send connects again.
 */
public final class PublishSocket implements AutoCloseable {

    private record Awaiting(CompletableFuture<Void> reply, long sentNanos) {}

    private static final Duration CONNECT_RETRY = Duration.ofMillis(250);

    private final Duration commandTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Wakes the reply thread when a connection is opened or the socket closed. Not the main lock:
     * the writer that opened the connection may hold that one, blocked on a Redis that stopped
     * reading, and the reply thread must be up to see it.
     */
    private final ReentrantLock signalLock = new ReentrantLock();

    private final Condition connected = signalLock.newCondition();
    /**
     * The connection; opened and dropped under the lock, its live one read without it by the reply
     * thread (a writer blocked on the full socket of a Redis that stopped reading may hold the lock).
     */
    private final ReconnectingConnection link;
    /** Guarded by the lock: what the live connection still owes a reply for, oldest first. */
    private final ArrayDeque<Awaiting> awaiting = new ArrayDeque<>();
    /**
     * When the oldest command still owed a reply was sent, {@code Long.MAX_VALUE} when none is:
     * readable without the lock, which a writer blocked on a full socket (Redis hung) may hold.
     */
    private volatile long oldestSentNanos = Long.MAX_VALUE;

    /**
     * @param tls            the TLS context of a {@code rediss://} URL, {@code null} for {@code redis://}
     * @param commandTimeout how long a command may go unanswered before the connection is dropped
     * @param threadName     the name of the thread that reads the replies
     */
    public PublishSocket(
            InetSocketAddress endpoint,
            RedisURI settings,
            SSLContext tls,
            String clientName,
            Duration connectTimeout,
            Duration commandTimeout,
            String threadName) {
        this.commandTimeout = commandTimeout;
        // While Redis stays unreachable, a send (a publishing thread) tries to connect at most every
        // CONNECT_RETRY and fails at once in between; the publisher keeps those messages and retries.
        // The reply thread wakes every quarter of the command timeout to look for overdue replies.
        this.link = new ReconnectingConnection(
                () -> endpoint,
                settings,
                tls,
                clientName,
                connectTimeout,
                commandTimeout.dividedBy(4),
                CONNECT_RETRY,
                "publisher",
                this::signalConnected);
        Thread.ofPlatform().daemon(true).name(threadName).start(this::readReplies);
    }

    /** Buffers one finished command; it leaves with the next {@link #flush}. The future completes with Redis's answer. */
    public CompletableFuture<Void> send(byte[] command) {
        CompletableFuture<Void> reply = new CompletableFuture<>();
        List<Awaiting> failed = List.of();
        RuntimeException failure = null;
        lock.lock();
        try {
            RespConnection current = link.connected();
            // Owed before it is written: a write larger than the 64 KiB output buffer goes straight
            // to the socket and blocks when Redis stops reading, and only an owed command lets the
            // reply thread see the hang and close the socket under it.
            long now = System.nanoTime();
            awaiting.addLast(new Awaiting(reply, now));
            if (awaiting.size() == 1) {
                oldestSentNanos = now;
            }
            try {
                current.out().write(command);
            } catch (IOException e) {
                failure = link.lost(current, "writing", e);
                failed = drop();
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            reply.completeExceptionally(failure);
            failAll(failed, failure);
        }
        return reply;
    }

    /** Sends what {@link #send} buffered. */
    public void flush() {
        List<Awaiting> failed = List.of();
        RuntimeException failure = null;
        lock.lock();
        try {
            RespConnection current = link.live();
            if (current != null) {
                try {
                    current.out().flush();
                } catch (IOException e) {
                    failure = link.lost(current, "sending", e);
                    failed = drop();
                }
            }
        } finally {
            lock.unlock();
        }
        failAll(failed, failure);
    }

    /** Fails what is still owed a reply and stops the reply thread. */
    @Override
    public void close() {
        List<Awaiting> failed;
        lock.lock();
        try {
            link.close();
            failed = drop();
        } finally {
            lock.unlock();
        }
        signalConnected();
        failAll(failed, new RedisConnectionException("publisher connection closed"));
    }

    private void readReplies() {
        while (!link.isClosed()) {
            RespConnection current = awaitConnection();
            if (current == null) {
                return;
            }
            try {
                RedisCommandExecutionException refused = null;
                try {
                    current.in().skipWholeReply();
                } catch (RedisCommandExecutionException e) {
                    refused = e;
                }
                complete(current, refused);
            } catch (SocketTimeoutException e) {
                if (current.in().inReply()) {
                    dropIfCurrent(current, link.lost(current, "reading a reply that stopped half-way", e));
                } else {
                    failIfOverdue();
                }
            } catch (IOException e) {
                dropIfCurrent(current, link.lost(current, "reading replies", e));
            } catch (RuntimeException e) {
                // anything unforeseen in a corrupt reply: the stream is out of step, start afresh
                dropIfCurrent(
                        current,
                        new RedisConnectionException("unreadable reply from " + current.address() + ": " + e, e));
            }
        }
    }

    private RespConnection awaitConnection() {
        RespConnection live = link.live();
        if (live != null) {
            return live;
        }
        signalLock.lock();
        try {
            while (link.live() == null && !link.isClosed()) {
                connected.awaitUninterruptibly();
            }
            return link.isClosed() ? null : link.live();
        } finally {
            signalLock.unlock();
        }
    }

    private void signalConnected() {
        signalLock.lock();
        try {
            connected.signalAll();
        } finally {
            signalLock.unlock();
        }
    }

    private void complete(RespConnection current, RedisCommandExecutionException refused) {
        Awaiting oldest;
        lockWatchingForHang();
        try {
            oldest = link.live() == current ? awaiting.pollFirst() : null;
            Awaiting next = awaiting.peekFirst();
            oldestSentNanos = next == null ? Long.MAX_VALUE : next.sentNanos();
        } finally {
            lock.unlock();
        }
        if (oldest == null) {
            return; // a reply on a connection already given up
        }
        if (refused == null) {
            oldest.reply().complete(null);
        } else {
            oldest.reply().completeExceptionally(refused);
        }
    }

    /**
     * Takes the lock; while a writer holds it (possibly blocked on the full socket of a Redis that
     * stopped reading), keeps checking for overdue replies, whose handling closes the socket and so
     * frees that writer.
     */
    private void lockWatchingForHang() {
        long wait = Math.max(1, commandTimeout.toNanos() / 4);
        try {
            while (!lock.tryLock(wait, TimeUnit.NANOSECONDS)) {
                failIfOverdue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lock.lock();
        }
    }

    /** Drops the live connection when its oldest command has waited longer than the command timeout. */
    private void failIfOverdue() {
        long oldest = oldestSentNanos;
        RespConnection live = link.live();
        if (live != null && oldest != Long.MAX_VALUE && System.nanoTime() - oldest >= commandTimeout.toNanos()) {
            // Closed before taking the lock: a writer blocked on the full socket of a hung Redis
            // holds it, and closing is what frees that writer.
            live.close();
            dropIfCurrent(
                    live,
                    new RedisCommandTimeoutException("Redis at " + live.address() + " did not answer within "
                            + commandTimeout.toMillis() + " ms"));
        }
    }

    /** Closes {@code current} first (which frees a writer blocked on it), then forgets it if it is still the live one. */
    private void dropIfCurrent(RespConnection current, RuntimeException failure) {
        current.close();
        List<Awaiting> failed = List.of();
        lockWatchingForHang();
        try {
            if (link.live() == current) {
                failed = drop();
            }
        } finally {
            lock.unlock();
        }
        failAll(failed, failure);
    }

    /** Called with the lock held: closes the connection and hands back what it owed, to be failed once the lock is released. */
    private List<Awaiting> drop() {
        link.drop(link.live());
        List<Awaiting> owed = new ArrayList<>(awaiting);
        awaiting.clear();
        oldestSentNanos = Long.MAX_VALUE;
        return owed;
    }

    /** Outside the lock: completing a future runs the publisher's callbacks, which take the publisher's lock. */
    private static void failAll(List<Awaiting> owed, RuntimeException failure) {
        for (Awaiting awaited : owed) {
            awaited.reply().completeExceptionally(failure);
        }
    }
}
