package dev.nautilus.engines.host;

import dev.nautilus.bus.Json;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.PartitionCheckpoint;
import dev.nautilus.bus.PartitionedState;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KeyedStatefulEngine}'s handler as a partitioned subscription sees it: messages go to
 * the runtime, and each partition's checkpoints are rows of the engine-state store named
 * {@code <group>#partition-<n>}, beside the engine's own snapshot row.
 *
 * <p>A row's sequence orders checkpoints by lease epoch first ({@code epoch << 40 | sequence}), so
 * the store's rule that a later sequence is never replaced by an earlier one refuses a fenced-off
 * owner's late save. A checkpoint of another run ({@link EngineStateStore#session()}) is not restored.
 */
final class EnginePartitionState implements PartitionedState {

    private static final Logger LOG = LoggerFactory.getLogger(EnginePartitionState.class);
    private static final int SEQUENCE_BITS = 40;
    private static final long MAX_EPOCH = (1L << (63 - SEQUENCE_BITS)) - 1;

    private final EngineRuntime runtime;
    private final EngineStateStore store;

    /** What a checkpoint row's state holds: the positions it includes and the keys' state. */
    record Stored(int partition, long epoch, long sequence, Map<String, String> positions, String state) {}

    EnginePartitionState(EngineRuntime runtime, EngineStateStore store) {
        if (!runtime.keyed()) {
            throw new IllegalArgumentException("engine " + runtime.engine().name() + " keeps no state per key");
        }
        this.runtime = runtime;
        this.store = store;
    }

    /** The store row of a group's partition. */
    static String rowName(String group, int partition) {
        return group + "#partition-" + partition;
    }

    @Override
    public void onMessage(Message message) {
        runtime.handle(message);
    }

    @Override
    public String captureKeys(Predicate<String> keys) {
        return runtime.captureKeys(keys);
    }

    @Override
    public void replaceKeys(Predicate<String> keys, Optional<String> state) {
        runtime.replaceKeys(keys, state);
    }

    @Override
    public Optional<PartitionCheckpoint> loadCheckpoint(String group, int partition) {
        String name = rowName(group, partition);
        return store.load(name).flatMap(row -> {
            if (!row.session().equals(store.session())) {
                LOG.info(
                        "{}: the stored checkpoint is of run '{}', this is run '{}': not restored",
                        name,
                        row.session(),
                        store.session());
                return Optional.empty();
            }
            Stored stored = Json.read(row.state(), Stored.class);
            return Optional.of(new PartitionCheckpoint(
                    group,
                    stored.partition(),
                    stored.epoch(),
                    stored.sequence(),
                    stored.positions(),
                    row.recentIds(),
                    stored.state(),
                    row.takenAt()));
        });
    }

    @Override
    public void saveCheckpoint(PartitionCheckpoint checkpoint) {
        if (checkpoint.epoch() > MAX_EPOCH || checkpoint.sequence() >= 1L << SEQUENCE_BITS) {
            throw new IllegalArgumentException("checkpoint epoch " + checkpoint.epoch() + " or sequence "
                    + checkpoint.sequence() + " beyond what a row's sequence orders");
        }
        Stored stored = new Stored(
                checkpoint.partition(),
                checkpoint.epoch(),
                checkpoint.sequence(),
                checkpoint.positions(),
                checkpoint.state());
        store.save(new EngineSnapshot(
                rowName(checkpoint.group(), checkpoint.partition()),
                checkpoint.epoch() << SEQUENCE_BITS | checkpoint.sequence(),
                0,
                Json.write(stored),
                checkpoint.recentIds(),
                checkpoint.takenAt(),
                store.session()));
    }
}
