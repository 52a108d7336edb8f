package dev.nautilus.bus.redis;

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
final class PublishSocket implements AutoCloseable {

    private record Awaiting(CompletableFuture<Void> reply, long sentNanos) {}

    private static final Duration CONNECT_RETRY = Duration.ofMillis(250);

    private final InetSocketAddress endpoint;
    private final RedisURI settings;
    private final String clientName;
    private final Duration connectTimeout;
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
     * The live connection, or null; changed under the lock, read without it by the reply thread
     * (a writer blocked on the full socket of a Redis that stopped reading may hold the lock).
     */
    private volatile RespConnection connection;
    /** Guarded by the lock: what the live connection still owes a reply for, oldest first. */
    private final ArrayDeque<Awaiting> awaiting = new ArrayDeque<>();
    /**
     * When the oldest command still owed a reply was sent, {@code Long.MAX_VALUE} when none is:
     * readable without the lock, which a writer blocked on a full socket (Redis hung) may hold.
     */
    private volatile long oldestSentNanos = Long.MAX_VALUE;

    private volatile boolean closed;
    /** Guarded by the lock: after a failed connect, sends fail at once until then, with this failure. */
    private long connectAgainNanos;

    private RedisConnectionException lastConnectFailure;

    PublishSocket(
            InetSocketAddress endpoint,
            RedisURI settings,
            String clientName,
            Duration connectTimeout,
            Duration commandTimeout,
            String threadName) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.clientName = clientName;
        this.connectTimeout = connectTimeout;
        this.commandTimeout = commandTimeout;
        Thread.ofPlatform().daemon(true).name(threadName).start(this::readReplies);
    }

    /** Buffers one finished command; it leaves with the next {@link #flush}. The future completes with Redis's answer. */
    CompletableFuture<Void> send(byte[] command) {
        CompletableFuture<Void> reply = new CompletableFuture<>();
        List<Awaiting> failed = List.of();
        RuntimeException failure = null;
        lock.lock();
        try {
            RespConnection current = connection();
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
                failure = lostFailure(current, "writing", e);
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
    void flush() {
        List<Awaiting> failed = List.of();
        RuntimeException failure = null;
        lock.lock();
        try {
            if (connection != null) {
                try {
                    connection.out().flush();
                } catch (IOException e) {
                    failure = lostFailure(connection, "sending", e);
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
            closed = true;
            failed = drop();
        } finally {
            lock.unlock();
        }
        signalConnected();
        failAll(failed, new RedisConnectionException("publisher connection closed"));
    }

    /** Called with the lock held: the live connection, opened if there is none. */
    private RespConnection connection() {
        if (closed) {
            throw new RedisConnectionException("publisher connection closed");
        }
        if (connection == null) {
            // Connecting blocks the caller (a publishing thread): while Redis stays unreachable, try
            // at most every CONNECT_RETRY and fail the sends in between at once; the publisher keeps
            // them buffered and retries.
            if (lastConnectFailure != null && System.nanoTime() < connectAgainNanos) {
                throw lastConnectFailure;
            }
            try {
                // The reply thread wakes every quarter of the command timeout to look for overdue replies.
                connection = RespConnection.open(
                        endpoint, settings, clientName, connectTimeout, commandTimeout.dividedBy(4));
                lastConnectFailure = null;
            } catch (IOException | RuntimeException e) {
                lastConnectFailure = new RedisConnectionException(
                        "cannot connect to " + endpoint.getHostString() + ":" + endpoint.getPort() + ": "
                                + e.getMessage(),
                        e);
                connectAgainNanos = System.nanoTime() + CONNECT_RETRY.toNanos();
                throw lastConnectFailure;
            }
            signalConnected();
        }
        return connection;
    }

    private void readReplies() {
        while (!closed) {
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
                    dropIfCurrent(current, lostFailure(current, "reading a reply that stopped half-way", e));
                } else {
                    failIfOverdue();
                }
            } catch (IOException e) {
                dropIfCurrent(current, lostFailure(current, "reading replies", e));
            } catch (RuntimeException e) {
                // e.g. a length beyond int in a corrupt reply: the stream is out of step, start afresh
                dropIfCurrent(
                        current,
                        new RedisConnectionException("unreadable reply from " + current.address() + ": " + e, e));
            }
        }
    }

    private RespConnection awaitConnection() {
        RespConnection live = connection;
        if (live != null) {
            return live;
        }
        signalLock.lock();
        try {
            while (connection == null && !closed) {
                connected.awaitUninterruptibly();
            }
            return closed ? null : connection;
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
            oldest = connection == current ? awaiting.pollFirst() : null;
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
        RespConnection live = connection;
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
            if (connection == current) {
                failed = drop();
            }
        } finally {
            lock.unlock();
        }
        failAll(failed, failure);
    }

    /** Called with the lock held: closes the connection and hands back what it owed, to be failed once the lock is released. */
    private List<Awaiting> drop() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
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

    private static RedisConnectionException lostFailure(RespConnection current, String what, IOException cause) {
        return new RedisConnectionException(
                "connection to " + current.address() + " lost while " + what + ": " + cause.getMessage(), cause);
    }
}
