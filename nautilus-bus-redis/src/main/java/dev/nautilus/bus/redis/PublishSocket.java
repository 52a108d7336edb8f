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

    private record Awaiting(CompletableFuture<Void> reply, long sentNanos) {
    }

    private final InetSocketAddress endpoint;
    private final RedisURI settings;
    private final String clientName;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition connected = lock.newCondition();
    /** Guarded by the lock: the live connection (or null) and what it still owes a reply for, oldest first. */
    private RespConnection connection;
    private final ArrayDeque<Awaiting> awaiting = new ArrayDeque<>();
    /**
     * When the oldest command still owed a reply was sent, {@code Long.MAX_VALUE} when none is:
     * readable without the lock, which a writer blocked on a full socket (Redis hung) may hold.
     */
    private volatile long oldestSentNanos = Long.MAX_VALUE;
    private volatile boolean closed;

    PublishSocket(InetSocketAddress endpoint, RedisURI settings, String clientName, Duration connectTimeout, Duration commandTimeout,
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
            try {
                current.out().write(command);
                long now = System.nanoTime();
                awaiting.addLast(new Awaiting(reply, now));
                if (awaiting.size() == 1) {
                    oldestSentNanos = now;
                }
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
            connected.signalAll();
        } finally {
            lock.unlock();
        }
        failAll(failed, new RedisConnectionException("publisher connection closed"));
    }

    /** Called with the lock held: the live connection, opened if there is none. */
    private RespConnection connection() {
        if (closed) {
            throw new RedisConnectionException("publisher connection closed");
        }
        if (connection == null) {
            try {
                // The reply thread wakes every quarter of the command timeout to look for overdue replies.
                connection = RespConnection.open(endpoint, settings, clientName, connectTimeout, commandTimeout.dividedBy(4));
            } catch (IOException e) {
                throw new RedisConnectionException("cannot connect to " + endpoint.getHostString() + ":" + endpoint.getPort()
                        + ": " + e.getMessage(), e);
            }
            connected.signalAll();
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
                    failIfOverdue(current);
                }
            } catch (IOException e) {
                dropIfCurrent(current, lostFailure(current, "reading replies", e));
            }
        }
    }

    private RespConnection awaitConnection() {
        lock.lock();
        try {
            while (connection == null && !closed) {
                connected.awaitUninterruptibly();
            }
            return closed ? null : connection;
        } finally {
            lock.unlock();
        }
    }

    private void complete(RespConnection current, RedisCommandExecutionException refused) {
        Awaiting oldest;
        lock.lock();
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

    private void failIfOverdue(RespConnection current) {
        long oldest = oldestSentNanos;
        if (oldest != Long.MAX_VALUE && System.nanoTime() - oldest >= commandTimeout.toNanos()) {
            // Closed before taking the lock: a writer blocked on the full socket of a hung Redis
            // holds it, and closing is what frees that writer.
            current.close();
            dropIfCurrent(current, new RedisCommandTimeoutException("Redis at " + current.address() + " did not answer within "
                    + commandTimeout.toMillis() + " ms"));
        }
    }

    private void dropIfCurrent(RespConnection current, RuntimeException failure) {
        List<Awaiting> failed = List.of();
        lock.lock();
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
        return new RedisConnectionException("connection to " + current.address() + " lost while " + what + ": " + cause.getMessage(),
                cause);
    }
}
