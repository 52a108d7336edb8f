package dev.nautilus.bus.memory;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.Priority;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jctools.queues.MpscChunkedArrayQueue;

/**
 * A consumer group's queue: one bounded lane per {@link Priority}, drained most urgent first.
 *
 * <p>Publishers offer lock-free (JCTools MPSC queues that grow in chunks up to their bound, so an
 * idle group costs little memory). Consumers of the group take turns draining under a lock, so a
 * group with several instances still sees each message once. Parked consumers are woken only when
 * one is actually parked, and publishers facing a full lane wait on a condition the consumers signal.
 */
final class PriorityLanes {

    private static final int CHUNK = 1024;

    private final MpscChunkedArrayQueue<Message>[] lanes;
    private final ReentrantLock drainLock = new ReentrantLock();
    /**
     * The group's consumer threads, copied on the rare change: a publisher waking them walks a
     * snapshot array (a concurrent set's iterator was 14 % of the in-memory bench's CPU samples).
     */
    private final List<Thread> consumers = new CopyOnWriteArrayList<>();

    private final AtomicInteger parkedConsumers = new AtomicInteger();
    /**
     * Set by the first publisher that wakes the parked consumers, cleared by a consumer before it
     * parks: the publishes that follow, until a woken consumer runs again, skip the unpark. On a
     * busy machine a woken thread may wait milliseconds for a core, and without this every message
     * published meanwhile paid an unpark (a lock and often a system call) of its own.
     */
    private final AtomicBoolean wakeSent = new AtomicBoolean();

    private final ReentrantLock spaceLock = new ReentrantLock();
    private final Condition spaceAvailable = spaceLock.newCondition();
    private final AtomicInteger blockedPublishers = new AtomicInteger();

    @SuppressWarnings("unchecked")
    PriorityLanes(int laneCapacity) {
        int capacity = Math.max(CHUNK * 2, Integer.highestOneBit(laneCapacity - 1) << 1);
        lanes = new MpscChunkedArrayQueue[Priority.values().length];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new MpscChunkedArrayQueue<>(CHUNK, capacity);
        }
    }

    /** Adds a message without waiting; false when its lane is full. */
    boolean offer(Message message) {
        if (!lanes[message.priority().rank()].offer(message)) {
            return false;
        }
        if (parkedConsumers.get() > 0 && !wakeSent.get() && wakeSent.compareAndSet(false, true)) {
            for (Thread consumer : consumers) {
                LockSupport.unpark(consumer);
            }
        }
        return true;
    }

    /**
     * Adds a message, waiting for space until the deadline.
     *
     * @return false when the deadline passed with the lane still full
     */
    boolean offer(Message message, long deadlineNanos) throws InterruptedException {
        if (offer(message)) {
            return true;
        }
        spaceLock.lock();
        blockedPublishers.incrementAndGet();
        try {
            while (true) {
                if (offer(message)) {
                    return true;
                }
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                // The cap guards against a signal lost between a consumer's drain and our increment.
                spaceAvailable.awaitNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(1)));
            }
        } finally {
            blockedPublishers.decrementAndGet();
            spaceLock.unlock();
        }
    }

    /**
     * Moves up to {@code max} messages of the most urgent non-empty lane into {@code into}.
     *
     * @return how many were moved
     */
    int drain(Message[] into, int max) {
        int taken = 0;
        drainLock.lock();
        try {
            for (MpscChunkedArrayQueue<Message> lane : lanes) {
                Message message;
                while (taken < max && (message = lane.relaxedPoll()) != null) {
                    into[taken++] = message;
                }
                if (taken > 0) {
                    break;
                }
            }
        } finally {
            drainLock.unlock();
        }
        if (taken > 0 && blockedPublishers.get() > 0) {
            spaceLock.lock();
            try {
                spaceAvailable.signalAll();
            } finally {
                spaceLock.unlock();
            }
        }
        return taken;
    }

    /** Parks the calling consumer until a message may be there, or the timeout passes. */
    void awaitMessages(long timeoutNanos) {
        parkedConsumers.incrementAndGet();
        wakeSent.set(false); // before looking: a message offered after the look finds it clear and wakes us
        try {
            if (isEmpty()) {
                LockSupport.parkNanos(this, timeoutNanos);
            }
        } finally {
            parkedConsumers.decrementAndGet();
        }
    }

    void register(Thread consumer) {
        consumers.add(consumer);
    }

    void unregister(Thread consumer) {
        consumers.remove(consumer);
    }

    boolean isEmpty() {
        for (MpscChunkedArrayQueue<Message> lane : lanes) {
            if (!lane.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    int size() {
        int size = 0;
        for (MpscChunkedArrayQueue<Message> lane : lanes) {
            size += lane.size();
        }
        return size;
    }
}
