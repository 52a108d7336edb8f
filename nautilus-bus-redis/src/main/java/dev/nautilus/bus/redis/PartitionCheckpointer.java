package dev.nautilus.bus.redis;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.PartitionCheckpoint;
import dev.nautilus.bus.PartitionedState;
import dev.nautilus.bus.PublishBarrier;
import dev.nautilus.bus.redis.partition.PartitionKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints one owned partition's keys ({@link PartitionedState}) while this instance holds its
 * lease, so that the next owner restores them instead of replaying the partition's history.
 *
 * <p>On the partition's reader thread, after a message, at most every {@link #INTERVAL}: the keys'
 * state is captured between two messages, with what it includes: per lane the last entry
 * acknowledged (every entry up to it was handled, the reader handles a lane in order) and the ids
 * of the latest {@link #RECENT_IDS} messages handled (those after it, held for their outputs'
 * confirmation, are among them: a few read batches). It is stored once the outputs published so
 * far are confirmed, so the next owner may skip everything it includes; a fenced-off owner's late
 * save loses to the new owner's later epoch in the store. Writing costs the reader one store round
 * trip per interval; a checkpoint that fails is tried again at the next one.
 */
final class PartitionCheckpointer {

    /** How often a busy partition is checkpointed. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Message ids a checkpoint carries beyond its positions. */
    static final int RECENT_IDS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(PartitionCheckpointer.class);

    private final PartitionedState state;
    private final PartitionLease lease;
    private final Predicate<String> keys;
    private final PublishBarrier outputs;
    private final Duration patience;
    /** Lane → the last entry included without gaps; written by the reader's acknowledgements. */
    private final Map<String, String> included = new ConcurrentHashMap<>();
    /** Reader thread only (and the releasing thread once the reader has stopped). */
    private final ArrayDeque<String> recent = new ArrayDeque<>();

    private long sequence;
    private long lastNanos = System.nanoTime();

    /**
     * @param count    the partition count of the group's types (which keys are the partition's)
     * @param outputs  what the bus confirms published messages through
     * @param patience how long a checkpoint waits for that confirmation
     */
    PartitionCheckpointer(
            PartitionedState state, PartitionLease lease, int count, PublishBarrier outputs, Duration patience) {
        this.state = state;
        this.lease = lease;
        int partition = lease.partition();
        this.keys = key -> PartitionKeys.partitionOf(key, count) == partition;
        this.outputs = outputs;
        this.patience = patience;
    }

    /** The handler's state. */
    PartitionedState state() {
        return state;
    }

    /** Which keys are this partition's. */
    Predicate<String> keys() {
        return keys;
    }

    /** What the restore rebuilt: the state includes every entry up to these, by lane. */
    void includedUpTo(Map<String, String> positions) {
        positions.forEach(this::acknowledged);
    }

    /** Entry {@code id} of {@code lane} is acknowledged: handled, and every earlier one of the lane. */
    void acknowledged(String lane, String id) {
        included.merge(lane, id, (a, b) -> StreamIds.compare(a, b) >= 0 ? a : b);
    }

    /** The reader handled {@code message}; checkpoints if the interval is up. */
    void handled(Message message) {
        recent.addLast(message.id());
        if (recent.size() > RECENT_IDS) {
            recent.removeFirst();
        }
        if (System.nanoTime() - lastNanos >= INTERVAL.toNanos()) {
            checkpoint();
        }
    }

    /** Checkpoints now, between two messages of the partition: its reader's thread, or once it stopped. */
    void checkpoint() {
        lastNanos = System.nanoTime();
        if (!lease.usable()) {
            return;
        }
        Map<String, String> positions = Map.copyOf(included);
        List<String> ids = List.copyOf(recent);
        String captured = state.captureKeys(keys);
        try {
            outputs.confirmed().toCompletableFuture().get(patience.toNanos(), TimeUnit.NANOSECONDS);
            if (!lease.usable()) {
                return;
            }
            state.saveCheckpoint(new PartitionCheckpoint(
                    lease.group(),
                    lease.partition(),
                    lease.epoch(),
                    ++sequence,
                    positions,
                    ids,
                    captured,
                    Instant.now()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn(
                    "checkpoint of partition {} of group {} not stored ({}); trying again in {} ms",
                    lease.partition(),
                    lease.group(),
                    ConnectionHealth.describe(e),
                    INTERVAL.toMillis());
        }
    }
}
