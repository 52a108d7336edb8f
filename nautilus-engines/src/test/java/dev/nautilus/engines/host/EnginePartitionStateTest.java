package dev.nautilus.engines.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.PartitionCheckpoint;
import dev.nautilus.engines.vpin.VpinConfig;
import dev.nautilus.engines.vpin.VpinEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Partition checkpoints in the engine-state store: by row, by run, and ordered by epoch before sequence. */
class EnginePartitionStateTest {

    /** The store's documented rule: a save never replaces a row of a higher sequence. */
    private static final class Rows implements EngineStateStore {
        final Map<String, EngineSnapshot> rows = new HashMap<>();
        final String session;

        Rows(String session) {
            this.session = session;
        }

        @Override
        public String session() {
            return session;
        }

        @Override
        public Optional<EngineSnapshot> load(String engine) {
            return Optional.ofNullable(rows.get(engine));
        }

        @Override
        public void save(EngineSnapshot snapshot) {
            rows.merge(snapshot.engine(), snapshot, (old, now) -> now.sequence() > old.sequence() ? now : old);
        }
    }

    private static EnginePartitionState state(Rows rows) {
        return new EnginePartitionState(
                new EngineRuntime(new VpinEngine(i -> VpinConfig.paper(500)), new SimpleMeterRegistry()), rows);
    }

    private static PartitionCheckpoint checkpoint(long epoch, long sequence, String state) {
        return new PartitionCheckpoint(
                "vpin", 3, epoch, sequence, Map.of("p:market_data:p3", "5-0"), List.of("id-1"), state, Instant.now());
    }

    @Test
    void aLaterEpochsCheckpointIsNeverReplacedByAnEarlierEpochsLateOne() {
        Rows rows = new Rows("");
        EnginePartitionState state = state(rows);
        state.saveCheckpoint(checkpoint(2, 1, "{\"calculators\":{},\"latest\":{}}"));
        state.saveCheckpoint(checkpoint(1, 999, "stale"));
        PartitionCheckpoint loaded = state.loadCheckpoint("vpin", 3).orElseThrow();
        assertThat(loaded.epoch()).isEqualTo(2);
        assertThat(loaded.sequence()).isEqualTo(1);
        assertThat(loaded.positions()).containsEntry("p:market_data:p3", "5-0");
        assertThat(loaded.recentIds()).containsExactly("id-1");
        assertThat(rows.rows).containsOnlyKeys("vpin#partition-3");
        state.saveCheckpoint(checkpoint(2, 2, "{\"calculators\":{},\"latest\":{}}"));
        assertThat(state.loadCheckpoint("vpin", 3).orElseThrow().sequence()).isEqualTo(2);
    }

    @Test
    void aCheckpointOfAnotherRunIsNotRestored() {
        Rows rows = new Rows("run-1");
        state(rows).saveCheckpoint(checkpoint(1, 1, "{}"));
        Rows nextRun = new Rows("run-2");
        nextRun.rows.putAll(rows.rows);
        assertThat(state(nextRun).loadCheckpoint("vpin", 3)).isEmpty();
        assertThat(state(rows).loadCheckpoint("vpin", 3)).isPresent();
    }

    @Test
    void anEngineWithoutStatePerKeyIsRefused() {
        Engine plain = new Engine() {
            @Override
            public EngineWiring wiring() {
                return EngineMatrix.of(EngineMatrix.RISK);
            }

            @Override
            public void onStart(EngineContext context) {}

            @Override
            public void onMessage(dev.nautilus.bus.Message message) {}
        };
        assertThatThrownBy(() ->
                        new EnginePartitionState(new EngineRuntime(plain, new SimpleMeterRegistry()), new Rows("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keeps no state per key");
    }
}
