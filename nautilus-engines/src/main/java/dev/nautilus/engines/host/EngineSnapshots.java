package dev.nautilus.engines.host;

import dev.nautilus.bus.PublishBarrier;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the state of a host's {@link StatefulEngine}s in an {@link EngineStateStore} and restores
 * it at start, in step with the bus's acknowledgements, so that restore plus redelivery gives what
 * an engine that never stopped gives.
 *
 * <p>The bus's consumers await this barrier besides the publish barrier before they acknowledge a
 * handled batch ({@link dev.nautilus.bus.MessageBus#acknowledgeAlsoAfter}). Asked once a batch is
 * handled, it captures each engine that handled something since its last capture (its state, the
 * count of inputs included and the latest {@link #RECENT_IDS} input ids, taken between two messages)
 * and completes once that capture is stored. A writer thread stores captures in order, each only
 * after the outputs published before it are confirmed by the bus: a stored snapshot never includes
 * an input whose outputs could still be lost. Captures queued while a write is in progress are
 * written together, the latest per engine. With nothing asked (a bus without acknowledgements,
 * or an idle one) the writer captures every {@link #INTERVAL} by itself; closing captures once more.
 *
 * <p>Why this is exact: every acknowledged input is in a stored snapshot, and the latest stored
 * snapshot includes every earlier one. After a restart the bus delivers what was not acknowledged:
 * inputs after the snapshot, handled again in their order, and inputs already in it, which its
 * recent ids drop ({@link SeenIds}). What can be unacknowledged yet in the snapshot is the batch
 * whose acknowledgements were waiting for it, and the one read meanwhile: far fewer than
 * {@link #RECENT_IDS} (Redis reads a few hundred entries per stream and batch); an acknowledgement
 * lost with its connection adds one more batch. A save that fails is retried with back-off while the
 * acknowledgements wait: the bus's entries stay pending, nothing is acknowledged that is not stored.
 */
public final class EngineSnapshots implements PublishBarrier, AutoCloseable {

    /** Input ids kept in a snapshot, to drop redeliveries of inputs it includes. */
    public static final int RECENT_IDS = 10_000;
    /** How often an engine that handled something is captured when no consumer asks. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(EngineSnapshots.class);
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(10);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final EngineStateStore store;
    private final PublishBarrier outputs;
    private final List<EngineRuntime> runtimes;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final Map<String, Long> capturedInputs = new HashMap<>();
    private final Map<String, Counter> saved = new HashMap<>();
    /** Guarded by this. */
    private final List<Capture> queue = new ArrayList<>();
    /** Completes once everything captured so far is stored; guarded by this. */
    private CompletableFuture<Void> lastStored = CompletableFuture.completedFuture(null);

    private final Thread writer;
    private volatile boolean closing;
    private volatile long closingSince;

    private record Capture(
            List<EngineSnapshot> snapshots, CompletableFuture<Void> outputs, CompletableFuture<Void> stored) {}

    /**
     * @param store    where snapshots go
     * @param outputs  the bus's publish barrier ({@link dev.nautilus.bus.MessageBus#confirmed()})
     * @param runtimes the host's runtimes; the stateful ones are kept
     */
    public EngineSnapshots(EngineStateStore store, PublishBarrier outputs, List<EngineRuntime> runtimes) {
        this.store = store;
        this.outputs = outputs;
        this.runtimes = runtimes.stream().filter(EngineRuntime::stateful).toList();
        for (EngineRuntime runtime : this.runtimes) {
            String name = runtime.engine().name();
            nextSequence.put(name, 1L);
            capturedInputs.put(name, 0L);
            saved.put(
                    name,
                    Counter.builder("nautilus.engine.snapshots.saved")
                            .description("Snapshots of the engine's state stored (restored from at a restart)")
                            .tag("engine", name)
                            .register(runtime.meters()));
        }
        this.writer =
                Thread.ofPlatform().name("nautilus-engine-snapshots").daemon().unstarted(this::write);
    }

    /** Whether any of the engines keeps state. */
    public boolean keepsAny() {
        return !runtimes.isEmpty();
    }

    /**
     * Puts each stateful engine's latest stored snapshot back, then starts storing. Call before the
     * engines subscribe.
     *
     * @throws RuntimeException when the store cannot be read: an engine must not start flat over a
     *                          state it cannot see
     */
    public synchronized void restoreAndStart() {
        for (EngineRuntime runtime : runtimes) {
            String name = runtime.engine().name();
            store.load(name)
                    .ifPresentOrElse(
                            snapshot -> {
                                // later snapshots must replace this one whichever run they belong to
                                nextSequence.put(name, snapshot.sequence() + 1);
                                if (!snapshot.session().equals(store.session())) {
                                    LOG.info(
                                            "engine={} starts from its initial state: its stored snapshot is of"
                                                    + " run '{}', this is run '{}' (a replay from the start)",
                                            name,
                                            snapshot.session(),
                                            store.session());
                                    return;
                                }
                                runtime.restore(snapshot);
                                capturedInputs.put(name, snapshot.handled());
                                LOG.info(
                                        "engine={} restored snapshot sequence={} inputs={} taken={}",
                                        name,
                                        snapshot.sequence(),
                                        snapshot.handled(),
                                        snapshot.takenAt());
                            },
                            () -> LOG.info("engine={} has no stored snapshot: starts from its initial state", name));
        }
        writer.start();
    }

    /**
     * Captures every engine that handled something since its last capture; completes once that
     * (and every earlier capture) is stored.
     */
    @Override
    public synchronized CompletionStage<Void> confirmed() {
        if (closing && !writer.isAlive()) {
            return lastStored.copy();
        }
        List<EngineSnapshot> snapshots = new ArrayList<>();
        for (EngineRuntime runtime : runtimes) {
            String name = runtime.engine().name();
            if (runtime.inputsIncluded() != capturedInputs.get(name)) {
                EngineSnapshot snapshot = runtime.capture(nextSequence.get(name), RECENT_IDS, store.session());
                nextSequence.put(name, snapshot.sequence() + 1);
                capturedInputs.put(name, snapshot.handled());
                snapshots.add(snapshot);
            }
        }
        if (snapshots.isEmpty()) {
            return lastStored.copy();
        }
        Capture capture = new Capture(snapshots, outputs.confirmed().toCompletableFuture(), new CompletableFuture<>());
        queue.add(capture);
        lastStored = capture.stored();
        notifyAll();
        return capture.stored().copy();
    }

    private void write() {
        long backoff = 50;
        while (true) {
            List<Capture> batch = takeBatch();
            if (batch.isEmpty()) {
                return; // closing, and everything is written
            }
            Map<String, EngineSnapshot> latest = new LinkedHashMap<>();
            batch.forEach(c -> c.snapshots().forEach(s -> latest.put(s.engine(), s)));
            if (!awaitOutputs(batch)) {
                continue;
            }
            while (true) {
                try {
                    latest.values().forEach(store::save);
                    latest.values().forEach(s -> saved.get(s.engine()).increment());
                    batch.forEach(c -> c.stored().complete(null));
                    backoff = 50;
                    break;
                } catch (RuntimeException e) {
                    if (closing && pastPatience()) {
                        fail(batch, e);
                        break;
                    }
                    LOG.warn(
                            "engine state of {} not stored ({}); acknowledgements wait, retrying in {} ms",
                            latest.keySet(),
                            e.toString(),
                            backoff);
                    if (!pause(backoff)) {
                        fail(batch, e);
                        break;
                    }
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
                }
            }
        }
    }

    /** The captures queued; captures by itself after {@link #INTERVAL} of none; empty once closing and drained. */
    private List<Capture> takeBatch() {
        synchronized (this) {
            while (queue.isEmpty() && !closing) {
                try {
                    wait(INTERVAL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closing = true;
                }
                if (queue.isEmpty() && !closing) {
                    confirmed(); // the periodic capture, for buses that never ask
                }
            }
            List<Capture> batch = List.copyOf(queue);
            queue.clear();
            return batch;
        }
    }

    private boolean awaitOutputs(List<Capture> batch) {
        CompletableFuture<Void> all =
                CompletableFuture.allOf(batch.stream().map(Capture::outputs).toArray(CompletableFuture[]::new));
        while (true) {
            try {
                all.get(100, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                if (closing && pastPatience()) {
                    fail(batch, new IllegalStateException("outputs not confirmed before close"));
                    return false;
                }
            } catch (ExecutionException e) {
                // a snapshot including inputs whose outputs are lost must not be stored
                fail(batch, e.getCause());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(batch, e);
                return false;
            }
        }
    }

    private static void fail(List<Capture> batch, Throwable cause) {
        LOG.warn("engine state not stored: {}; its inputs stay unacknowledged", cause.toString());
        batch.forEach(c -> c.stored().completeExceptionally(cause));
    }

    private boolean pastPatience() {
        return System.nanoTime() - closingSince > CLOSE_PATIENCE.toNanos();
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Captures once more and stores what is captured (waiting up to 10 s for it), then stops. Call
     * after the subscriptions are closed, before the engines stop.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            if (!writer.isAlive()) {
                closing = true;
                return;
            }
            confirmed();
            closingSince = System.nanoTime();
            closing = true;
            notifyAll();
        }
        try {
            writer.join(CLOSE_PATIENCE.toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("engine state writer did not finish within {}; the last snapshot may be older", CLOSE_PATIENCE);
            writer.interrupt();
        }
    }
}
