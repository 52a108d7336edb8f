package dev.nautilus.store.ingest;

import dev.nautilus.store.model.StoredRecord;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Ingest} over a bounded queue drained by one writer thread ("smart batching": the writer
 * takes whatever is queued, up to the batch size, so batches are large under load and a single row
 * is written at once when idle). The writer blocks on the queue; it never polls an empty one.
 *
 * <p>A batch that fails to commit is retried with back-off per its {@link Retry} policy. Under
 * {@link Retry#bounded()} (the five-argument constructor) it is then counted as rejected and reported
 * to the flushes waiting on it, so one bad batch never stops the pipeline. Under {@link Retry#forever()}
 * (the stores' policy) it is retried until the database takes it: nothing is dropped, the queue fills
 * and {@link #submit} pushes back, {@link IngestCounters#failing()} reports the outage, and writing
 * resumes by itself when the database returns. Only a closing ingest gives a batch up, after
 * {@link Retry#ATTEMPTS_WHILE_CLOSING} more attempts (its rows were never acknowledged).
 *
 * <p>There is no linger: the writer commits whatever it drained at once, so a caller waiting for
 * its rows' commit ({@link #submitCommitted}) waits one commit, and rows that arrive meanwhile share
 * the next batch.
 */
public final class BatchingIngest implements Ingest {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingIngest.class);

    /** Queue entry that is not a row: a flush request or the end-of-stream marker. */
    private record Marker(CompletableFuture<Long> flushed, boolean last) {}

    private final String name;
    private final BatchWriter writer;
    private final Retry retry;
    private final int batchSize;
    private final Duration offerTimeout;
    private final int queueCapacity;
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private volatile boolean failing;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    /**
     * Submitters hold the read lock from the closed-check to the end of their offer; close() takes
     * the write lock to flip {@code closed}. So no row can slip into the queue behind the end marker,
     * where it would be counted as submitted and never written.
     */
    private final ReadWriteLock closing = new ReentrantReadWriteLock();

    private volatile boolean closed;
    /** A batch failure no flush has reported yet; touched by the writer thread only. */
    private Exception unreportedFailure;

    /**
     * Starts the writer thread.
     *
     * @param name          pipeline name, used for the thread and logs
     * @param writer        writes one batch atomically; owned (closed) by this ingest
     * @param batchSize     largest batch, &gt;= 1
     * @param queueCapacity queue bound, &gt;= 1
     * @param offerTimeout  how long {@link #submit} waits for room before refusing the row
     */
    public BatchingIngest(String name, BatchWriter writer, int batchSize, int queueCapacity, Duration offerTimeout) {
        this(name, writer, Retry.bounded(), batchSize, queueCapacity, offerTimeout);
    }

    /**
     * Starts the writer thread.
     *
     * @param retry how a batch that failed to commit is retried
     * @see #BatchingIngest(String, BatchWriter, int, int, Duration)
     */
    public BatchingIngest(
            String name, BatchWriter writer, Retry retry, int batchSize, int queueCapacity, Duration offerTimeout) {
        this.name = Objects.requireNonNull(name, "name");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.retry = Objects.requireNonNull(retry, "retry");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be >= 1, was " + queueCapacity);
        }
        this.batchSize = batchSize;
        this.offerTimeout = Objects.requireNonNull(offerTimeout, "offerTimeout");
        this.queueCapacity = queueCapacity;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = Thread.ofPlatform()
                .name("nautilus-store-writer-" + name)
                .daemon(false)
                .unstarted(this::run);
        thread.start();
    }

    @Override
    public void submit(StoredRecord record) {
        Objects.requireNonNull(record, "record");
        closing.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("ingest " + name + " is closed");
            }
            boolean queued;
            try {
                queued = queue.offer(record, offerTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rejected.incrementAndGet();
                throw new IngestBackPressureException("interrupted while waiting for room in ingest queue " + name);
            }
            if (!queued) {
                rejected.incrementAndGet();
                throw new IngestBackPressureException("ingest queue " + name + " stayed full for " + offerTimeout
                        + " (capacity " + queueCapacity + "): the writer is behind");
            }
            submitted.incrementAndGet();
        } finally {
            closing.readLock().unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Unlike {@link #flush()}, waits for room for its marker only up to the offer timeout, like a
     * row: a caller is never stuck behind a full queue without hearing of it.
     */
    @Override
    public CompletableFuture<Long> submitCommitted(List<? extends StoredRecord> records) {
        for (StoredRecord record : records) {
            submit(record);
        }
        CompletableFuture<Long> committed = new CompletableFuture<>();
        closing.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("ingest " + name + " is closed");
            }
            if (!queue.offer(new Marker(committed, false), offerTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IngestBackPressureException("ingest queue " + name + " stayed full for " + offerTimeout
                        + " (capacity " + queueCapacity + "): the writer is behind");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestBackPressureException("interrupted while waiting for room in ingest queue " + name);
        } finally {
            closing.readLock().unlock();
        }
        return committed;
    }

    @Override
    public CompletableFuture<Long> flush() {
        CompletableFuture<Long> flushed = new CompletableFuture<>();
        closing.readLock().lock();
        try {
            if (closed) {
                return stopped.thenApply(v -> acknowledged.get());
            }
            queue.put(new Marker(flushed, false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            flushed.completeExceptionally(e);
        } finally {
            closing.readLock().unlock();
        }
        return flushed;
    }

    @Override
    public long acknowledged() {
        return acknowledged.get();
    }

    @Override
    public void onCommit(LongConsumer listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public IngestCounters counters() {
        return new IngestCounters(
                submitted.get(),
                acknowledged.get(),
                batches.get(),
                rejected.get(),
                failedBatches.get(),
                queue.size(),
                writer.duplicatesSkipped(),
                failedAttempts.get(),
                failing);
    }

    @Override
    public void close() {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("ingest " + name + " cannot be closed from its own writer thread");
        }
        closing.writeLock().lock();
        boolean first;
        try {
            first = !closed;
            closed = true;
        } finally {
            closing.writeLock().unlock();
        }
        if (!first) {
            stopped.join();
            return;
        }
        try {
            // Blocks only while the queue is full; the writer is draining it, so this ends.
            queue.put(new Marker(null, true));
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while draining ingest {}; {} rows may not be written", name, queue.size());
        }
        stopped.join();
    }

    private void run() {
        List<Object> drained = new ArrayList<>(batchSize);
        List<StoredRecord> batch = new ArrayList<>(batchSize);
        List<CompletableFuture<Long>> flushes = new ArrayList<>();
        boolean last = false;
        try {
            while (!last) {
                drained.add(queue.take());
                queue.drainTo(drained, batchSize - 1);
                for (Object entry : drained) {
                    if (entry instanceof Marker marker) {
                        if (marker.last()) {
                            last = true;
                        } else {
                            flushes.add(marker.flushed());
                        }
                    } else {
                        batch.add((StoredRecord) entry);
                    }
                }
                drained.clear();
                commit(batch, flushes);
                batch.clear();
                flushes.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Ingest writer {} interrupted; {} queued rows not written", name, queue.size());
        } finally {
            try {
                writer.close();
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Closing ingest writer {} failed", name, e);
            }
            stopped.complete(null);
        }
    }

    private void commit(List<StoredRecord> batch, List<CompletableFuture<Long>> flushes) throws InterruptedException {
        if (!batch.isEmpty()) {
            Exception failure = writeWithRetries(batch);
            if (failure == null) {
                long total = acknowledged.addAndGet(batch.size());
                batches.incrementAndGet();
                for (LongConsumer listener : listeners) {
                    notify(listener, total);
                }
            } else {
                rejected.addAndGet(batch.size());
                failedBatches.incrementAndGet();
                // Kept until the next flush completes, whichever batch its marker travelled with: the
                // failed rows were queued before that marker, so that flush must not report success.
                unreportedFailure = failure;
            }
        }
        if (!flushes.isEmpty()) {
            Exception failure = unreportedFailure;
            unreportedFailure = null;
            long total = acknowledged.get();
            for (CompletableFuture<Long> flushed : flushes) {
                if (failure == null) {
                    flushed.complete(total);
                } else {
                    flushed.completeExceptionally(failure);
                }
            }
        }
    }

    private Exception writeWithRetries(List<StoredRecord> batch) throws InterruptedException {
        Exception last = null;
        int closingAttempts = 0;
        int attempt = 1;
        for (; ; attempt++) {
            try {
                writer.write(batch);
                if (failing) {
                    LOG.info("Ingest {}: writing again after {} failed attempts", name, attempt - 1);
                    failing = false;
                }
                return null;
            } catch (SQLException | RuntimeException e) {
                last = e;
                failedAttempts.incrementAndGet();
                failing = true;
                closingAttempts += closed ? 1 : 0;
                boolean another = retry.allowsAnother(attempt) && closingAttempts < Retry.ATTEMPTS_WHILE_CLOSING;
                LOG.warn(
                        "Ingest {}: batch of {} rows failed (attempt {}{}): {}",
                        name,
                        batch.size(),
                        attempt,
                        retry.maxAttempts() == Retry.UNBOUNDED ? "" : "/" + retry.maxAttempts(),
                        e.toString());
                if (!another) {
                    break;
                }
                Thread.sleep(retry.backoffAfter(attempt).toMillis());
            }
        }
        LOG.error(
                "Ingest {}: dropped a batch of {} rows after {} attempts{}",
                name,
                batch.size(),
                attempt,
                closed ? " while closing (its rows were never acknowledged)" : "",
                last);
        return last;
    }

    private void notify(LongConsumer listener, long total) {
        try {
            listener.accept(total);
        } catch (RuntimeException e) {
            // A listener's bug must not stop the writer.
            LOG.warn("Ingest {}: commit listener failed", name, e);
        }
    }
}
