package dev.nautilus.bus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The state of one partition's keys as a handler held it, with what that state includes, so that
 * the partition's next owner starts from it instead of replaying the partition's whole history.
 *
 * <p>What it includes, per stream of the partition: every entry up to and including
 * {@code positions} (handled, or dead-lettered without effect), and besides those the messages
 * whose ids are in {@code recentIds} (handled after the position, not yet acknowledged when it was
 * taken). It is stored only once every output of what it includes is confirmed by the bus, so the
 * next owner may skip all of it.
 *
 * @param group     the consumer group
 * @param partition the partition
 * @param epoch     the lease epoch it was taken under: a checkpoint of an earlier epoch never
 *                  replaces one of a later epoch (a fenced-off owner's late save is refused)
 * @param sequence  1, 2, … within the epoch
 * @param positions stream → the last entry id included without gaps
 * @param recentIds ids of messages included after those positions, oldest first
 * @param state     the handler's state of the partition's keys ({@link PartitionedState#captureKeys})
 * @param takenAt   when it was taken
 */
public record PartitionCheckpoint(
        String group,
        int partition,
        long epoch,
        long sequence,
        Map<String, String> positions,
        List<String> recentIds,
        String state,
        Instant takenAt) {

    public PartitionCheckpoint {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(takenAt, "takenAt");
        positions = Map.copyOf(positions);
        recentIds = List.copyOf(recentIds);
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
        if (epoch < 1 || sequence < 1) {
            throw new IllegalArgumentException("epoch and sequence must be >= 1, were " + epoch + ", " + sequence);
        }
    }
}
