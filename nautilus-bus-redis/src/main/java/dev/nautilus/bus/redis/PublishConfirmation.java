package dev.nautilus.bus.redis;

import dev.nautilus.bus.PublishBarrier;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wait between handling a read batch and acknowledging it: until the {@link PublishBarrier}
 * says every message the handlers published (on either bus) is confirmed by Redis. Acknowledged
 * before that, an input whose outputs were still in a publish buffer would be lost with them in a
 * {@code kill -9}; pending, it is delivered again (duplicates are the consumers' to drop by id).
 *
 * <p>With the output Redis reachable this costs one flush per batch, not a round trip per message,
 * and nothing when nothing was published. The barrier is taken when a batch is handled but awaited
 * only after the next batch is (see {@link EntryDelivery}), so that the reader rarely waits at all:
 * the publisher confirms while the reader reads and handles. While it is unreachable the reader
 * handles one more batch, then holds both batches' acknowledgements and waits, reporting once per
 * command timeout, instead of reading on: a reader that read on would only fill the publish buffer
 * with outputs it cannot confirm either, and then fail its handlers with back-pressure.
 * The entries stay pending meanwhile, so a reader killed there leaves them to be claimed. A reader
 * being closed waits one command timeout at most, then leaves them pending. The wait is on futures
 * completed by the publisher's own flusher and reply threads, never by a reader's thread.
 */
final class PublishConfirmation {

    private static final Logger LOG = LoggerFactory.getLogger(PublishConfirmation.class);
    /** How often a waiting reader looks whether it is being closed. */
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Supplier<PublishBarrier> barrier;
    private final Duration commandTimeout;
    private final BooleanSupplier running;
    private final String group;
    private final String busName;

    PublishConfirmation(
            Supplier<PublishBarrier> barrier,
            Duration commandTimeout,
            BooleanSupplier running,
            String group,
            String busName) {
        this.barrier = barrier;
        this.commandTimeout = commandTimeout;
        this.running = running;
        this.group = group;
        this.busName = busName;
    }

    /** The barrier for what was published so far: taken when a batch is handled, awaited later. */
    CompletableFuture<Void> publishedSoFar() {
        return barrier.get().confirmed().toCompletableFuture();
    }

    /**
     * Waits until a barrier taken by {@link #publishedSoFar()} completes; false when it cannot (the
     * bus closed with messages unsent, or this reader is being closed and the timeout passed): the
     * batch is then not to be acknowledged.
     *
     * @param entries the batch's entries to acknowledge, for the report
     */
    boolean await(CompletableFuture<Void> confirmed, int entries) {
        if (confirmed.isDone() && !confirmed.isCompletedExceptionally()) {
            return true;
        }
        long started = System.nanoTime();
        long nextReport = started + commandTimeout.toNanos();
        while (true) {
            try {
                confirmed.get(SLICE_NANOS, TimeUnit.NANOSECONDS);
                if (System.nanoTime() >= started + commandTimeout.toNanos()) {
                    LOG.info(
                            "group {} on the {} bus: outputs confirmed after {} ms; acknowledging {} entries",
                            group,
                            busName,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                            entries);
                }
                return true;
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (!running.getAsBoolean() && now - started >= commandTimeout.toNanos()) {
                    return false;
                }
                if (now >= nextReport) {
                    LOG.warn(
                            "group {} on the {} bus: {} entries handled but not acknowledged for {} ms:"
                                    + " the messages published since are not confirmed by Redis yet",
                            group,
                            busName,
                            entries,
                            TimeUnit.NANOSECONDS.toMillis(now - started));
                    nextReport = now + commandTimeout.toNanos();
                }
            } catch (ExecutionException e) {
                LOG.warn(
                        "group {} on the {} bus: {} entries left pending, their outputs were not published: {}",
                        group,
                        busName,
                        entries,
                        e.getCause().toString());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
