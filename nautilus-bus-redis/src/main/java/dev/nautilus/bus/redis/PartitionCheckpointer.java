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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints one owned partition's keys ({@link PartitionedState}) while this instance holds its
 * lease, so that the next owner restores them instead of replaying the partition's history.
 *
 * <p>On a reader thread of the partition, after a message, at most every {@link #INTERVAL}: the
 * keys' state is captured between two messages (under the partition's handling lock, which its
 * readers hold while they hand a message on and report it: a partition read on both buses has two),
 * with what it includes: per lane the last entry acknowledged (every entry up to it was handled, a
 * reader handles a lane in order) and the ids of the latest {@link #RECENT_IDS} messages handled
 * (those after it, held for their outputs' confirmation, are among them: a few read batches). It is
 * stored once the outputs published so far are confirmed, so the next owner may skip everything it
 * includes; a fenced-off owner's late save loses to the new owner's later epoch in the store.
 * Writing costs the reader one store round trip per interval; a checkpoint that fails is tried
 * again at the next one.
 */
final class PartitionCheckpointer {

    /** How often a busy partition is checkpointed. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Message ids a checkpoint carries beyond its positions. */
    static final int RECENT_IDS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(PartitionCheckpointer.class);

    private final PartitionedState state;
    /** The partition's lease on each bus it is read on; the first one's epoch orders the checkpoints. */
    private final List<PartitionLease> leases;

    private final PartitionLease lease;
    private final Object handling;
    private final Predicate<String> keys;
    private final PublishBarrier outputs;
    private final Duration patience;
    /** Lane → the last entry included without gaps; written by the reader's acknowledgements. */
    private final Map<String, String> included = new ConcurrentHashMap<>();
    /** Under {@link #handling}. */
    private final ArrayDeque<String> recent = new ArrayDeque<>();

    /** Under {@link #handling}, as {@link #lastNanos}. */
    private long sequence;

    private long lastNanos = System.nanoTime();

    /**
     * @param leases   the partition's lease on each bus it is read on
     * @param count    the partition count of the group's types (which keys are the partition's)
     * @param outputs  what the bus confirms published messages through
     * @param patience how long a checkpoint waits for that confirmation
     * @param handling held by the partition's readers while they hand a message on and report it
     */
    PartitionCheckpointer(
            PartitionedState state,
            List<PartitionLease> leases,
            int count,
            PublishBarrier outputs,
            Duration patience,
            Object handling) {
        this.state = state;
        this.leases = List.copyOf(leases);
        this.lease = this.leases.get(0);
        this.handling = handling;
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

    /**
     * Replaces the partition's keys by its latest stored checkpoint, or clears them when none is
     * stored (whatever this instance held for them may be stale); before the readers start.
     */
    Optional<PartitionCheckpoint> restoreKeys(String group) {
        Optional<PartitionCheckpoint> stored = state.loadCheckpoint(group, lease.partition());
        state.replaceKeys(keys, stored.map(PartitionCheckpoint::state));
        stored.ifPresent(c -> LOG.info(
                "{} restores partition {} of group {} from its checkpoint of epoch {} taken {}",
                lease.consumer(),
                lease.partition(),
                group,
                c.epoch(),
                c.takenAt()));
        return stored;
    }

    /** What the restore rebuilt: the state includes every entry up to these, by lane. */
    void includedUpTo(Map<String, String> positions) {
        positions.forEach(this::acknowledged);
    }

    /** Entry {@code id} of {@code lane} is acknowledged: handled, and every earlier one of the lane. */
    void acknowledged(String lane, String id) {
        included.merge(lane, id, (a, b) -> StreamIds.compare(a, b) >= 0 ? a : b);
    }

    /**
     * A reader handled {@code message}, under {@link #handling}; true when a checkpoint is due (to
     * be taken once the lock is let go: its wait for the outputs must not hold the other readers).
     */
    boolean handled(Message message) {
        recent.addLast(message.id());
        if (recent.size() > RECENT_IDS) {
            recent.removeFirst();
        }
        return System.nanoTime() - lastNanos >= INTERVAL.toNanos();
    }

    /** Checkpoints now, between two messages of the partition: on a reader's thread, or once they stopped. */
    void checkpoint() {
        checkpoint(true);
    }

    /** Checkpoints if the interval is still up: the partition's other reader may just have taken one. */
    void checkpointIfDue() {
        checkpoint(false);
    }

    private void checkpoint(boolean now) {
        Map<String, String> positions;
        List<String> ids;
        String captured;
        long number;
        synchronized (handling) {
            if (!now && System.nanoTime() - lastNanos < INTERVAL.toNanos()) {
                return;
            }
            lastNanos = System.nanoTime();
            if (!PartitionLease.allUsable(leases)) {
                return;
            }
            number = ++sequence;
            positions = Map.copyOf(included);
            ids = List.copyOf(recent);
            captured = state.captureKeys(keys);
        }
        try {
            outputs.confirmed().toCompletableFuture().get(patience.toNanos(), TimeUnit.NANOSECONDS);
            if (!PartitionLease.allUsable(leases)) {
                return;
            }
            state.saveCheckpoint(new PartitionCheckpoint(
                    lease.group(), lease.partition(), lease.epoch(), number, positions, ids, captured, Instant.now()));
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
