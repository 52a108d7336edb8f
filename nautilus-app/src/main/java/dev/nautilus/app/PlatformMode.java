package dev.nautilus.app;

import dev.nautilus.app.recording.RecordingRules;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.store.Store;
import dev.nautilus.store.ingest.IngestMetrics;
import dev.nautilus.store.recorder.BusRecorder;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Optional;

/**
 * What a process of the platform is: the whole platform, which owns the store and records the buses
 * into it, or a process of its own for an engine (or the faces, or a replay), which opens no store:
 * the embedded store is a single-process file, and recording is the whole platform's job.
 */
sealed interface PlatformMode {

    /** Who this process is, in Redis connection names ({@code CLIENT LIST} tells who holds what). */
    String identity();

    /**
     * The whole platform.
     *
     * @param store    the store, closed by the platform after the buses
     * @param recorder writes the recorded topics into the store, closed before the buses
     * @param history  trades of {@link Platform#RECORDED_SYMBOL} the store held at the start: earlier runs'
     */
    record WholePlatform(Store store, BusRecorder recorder, long history) implements PlatformMode {

        /**
         * Reads the history and starts recording. Call it before any engine or replay starts, so the
         * store misses nothing. Only the whole platform records (an engine process opens no store): one
         * {@code recorder} group whose consumers acknowledge a message once its rows are committed.
         *
         * <p>On Redis the group has one consumer: every further consumer of a group makes the transport
         * send an {@code XGROUP CREATE} that Redis refuses ({@code BUSYGROUP}) and counts as a failed
         * call, which the monitor reports as a fault. In memory it has {@link BusRecorder#DEFAULT_CONSUMERS},
         * whose rows share batches (docs/BENCHMARKS.md has the throughput either way).
         */
        static WholePlatform record(Store store, MessageBus bus, MeterRegistry meters, boolean onRedis) {
            long history = store.trades().count(Platform.RECORDED_SYMBOL);
            BusRecorder recorder = new BusRecorder(
                    bus,
                    store.ingest(),
                    RecordingRules.defaults(),
                    "recorder-1",
                    onRedis ? 1 : BusRecorder.DEFAULT_CONSUMERS);
            FunctionCounter.builder("nautilus.store.recorded", recorder, BusRecorder::recorded)
                    .description("Rows the recorder handed to the store")
                    .baseUnit("rows")
                    .register(meters);
            // The store's own meters: rows written, duplicates skipped, failed attempts, and 1 while it cannot write.
            IngestMetrics.bind(store.ingest(), store.kind().name().toLowerCase(Locale.ROOT), meters);
            FunctionCounter.builder("nautilus.store.recorder.pushbacks", recorder, BusRecorder::pushBacks)
                    .description("times the recorder found the ingest queue full and held its message")
                    .register(meters);
            Gauge.builder("nautilus.store.recorder.waiting", recorder, BusRecorder::waiting)
                    .description("recorder handlers waiting for their rows' commit")
                    .register(meters);
            return new WholePlatform(store, recorder, history);
        }

        @Override
        public String identity() {
            return "platform";
        }
    }

    /**
     * A process for one engine, the faces or a replay.
     *
     * @param identity e.g. {@code risk}, {@code api}, {@code replay}
     * @param store    its own PostgreSQL pool, when one is configured (where its engine keeps its
     *                 state); closed by the platform after the buses
     */
    record EngineProcess(String identity, Optional<Store> store) implements PlatformMode {

        /** A process without a store. */
        EngineProcess(String identity) {
            this(identity, Optional.empty());
        }
    }
}
