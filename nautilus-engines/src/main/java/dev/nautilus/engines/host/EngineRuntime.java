package dev.nautilus.engines.host;

import dev.nautilus.bus.Causation;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.PublishFence;
import dev.nautilus.bus.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running engine inside a host: calls its handler, counts what it handled and how long each
 * message took ({@code nautilus.engine.messages.handled}, {@code nautilus.engine.handler.failures},
 * {@code nautilus.engine.handler.latency} as a histogram), and remembers when it started and when
 * it last handled a message, for health.
 *
 * <p>Deduplicates by message id: a message whose id is in the engine's {@link SeenIds} window (a
 * redelivery: the bus delivers at least once) is dropped before the handler and counted
 * ({@code nautilus.engine.duplicates.dropped}). An id enters the window once its handler returned,
 * so a failed attempt is still retried. A {@link StatefulEngine}'s latest ids go into its snapshots
 * ({@link #capture}) and come back with them ({@link #restore}); other engines' windows live in
 * memory only, and after a restart rely on their group's position and the store's unique keys.
 *
 * <p>Handling and capturing hold the runtime's lock: a capture (on whichever thread asks for one)
 * sees the state between two messages, never in the middle of one.
 */
public final class EngineRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRuntime.class);

    private final Engine engine;
    private final MeterRegistry meters;
    private final Map<MessageType, Counter> handled = new EnumMap<>(MessageType.class);
    private final Counter failures;
    private final Timer latency;
    private final SeenIds seen;
    /** Whether ids are remembered with their partition key, to be forgotten with their keys' state. */
    private final boolean keyed;

    private final Counter duplicates;
    private final AtomicLong duplicatesTotal = new AtomicLong();
    private final AtomicLong handledTotal = new AtomicLong();
    /** Inputs the restored snapshot included: handled before this process. */
    private long handledBefore;

    private volatile Instant startedAt;
    private volatile Instant lastMessageAt;

    EngineRuntime(Engine engine, MeterRegistry meters) {
        this(engine, meters, SeenIds.DEFAULT_CAPACITY);
    }

    EngineRuntime(Engine engine, MeterRegistry meters, int seenIdWindow) {
        this.engine = engine;
        this.seen = new SeenIds(seenIdWindow);
        this.keyed = engine instanceof KeyedStatefulEngine keyedEngine && keyedEngine.keepsStatePerKey();
        this.meters = meters;
        String name = engine.name();
        this.failures = Counter.builder("nautilus.engine.handler.failures")
                .description("Handler calls that threw (the transport retries, then dead-letters)")
                .tag("engine", name)
                .register(meters);
        this.latency = Timer.builder("nautilus.engine.handler.latency")
                .description("Time the engine's handler took per message")
                .tag("engine", name)
                .publishPercentileHistogram()
                .register(meters);
        this.duplicates = Counter.builder("nautilus.engine.duplicates.dropped")
                .tag("engine", name)
                .description("redelivered messages (an id already handled) not handed to the engine")
                .register(meters);
    }

    /** The engine. */
    public Engine engine() {
        return engine;
    }

    /** Where this engine's meters go (its own registry where each engine has one). */
    public MeterRegistry meters() {
        return meters;
    }

    /** When it started, or {@code null} before. */
    public Instant startedAt() {
        return startedAt;
    }

    /** When it last handled a message, or {@code null} if never. */
    public Instant lastMessageAt() {
        return lastMessageAt;
    }

    /** Messages handled so far. */
    public long handledCount() {
        return handledTotal.get();
    }

    /** Redelivered messages dropped so far (their id was already handled). */
    public long duplicatesDropped() {
        return duplicatesTotal.get();
    }

    void markStarted() {
        startedAt = Instant.now();
    }

    /** Whether the engine's state is snapshotted ({@link StatefulEngine}). */
    public boolean stateful() {
        return engine instanceof StatefulEngine;
    }

    /**
     * The engine's state now with the latest {@code recentIds} ids it handled, as snapshot
     * {@code sequence}.
     *
     * @throws IllegalStateException when the engine is not a {@link StatefulEngine}
     */
    synchronized EngineSnapshot capture(long sequence, int recentIds, String session) {
        if (!(engine instanceof StatefulEngine stateful)) {
            throw new IllegalStateException("engine " + engine.name() + " keeps no state");
        }
        return new EngineSnapshot(
                engine.name(),
                sequence,
                inputsIncluded(),
                stateful.saveState(),
                seen.newest(recentIds),
                Instant.now(),
                session);
    }

    /** Whether the engine's state is per partition key ({@link KeyedStatefulEngine}). */
    public boolean keyed() {
        return keyed;
    }

    /**
     * The state of the keys {@code keys} accepts, between two messages.
     *
     * @throws IllegalStateException when the engine is not a {@link KeyedStatefulEngine}
     */
    synchronized String captureKeys(Predicate<String> keys) {
        return keyedEngine().saveKeys(keys);
    }

    /**
     * Replaces the state of the keys {@code keys} accepts, between two messages, and forgets having
     * handled their messages: the new state does not include them, so they are handled if they come again.
     */
    synchronized void replaceKeys(Predicate<String> keys, Optional<String> state) {
        keyedEngine().replaceKeys(keys, state);
        seen.forget(keys);
    }

    private KeyedStatefulEngine keyedEngine() {
        if (!(engine instanceof KeyedStatefulEngine keyedEngine)) {
            throw new IllegalStateException("engine " + engine.name() + " keeps no state per key");
        }
        return keyedEngine;
    }

    /** Inputs the engine's state includes, across restarts. */
    synchronized long inputsIncluded() {
        return handledBefore + handledTotal.get();
    }

    /** Puts a snapshot's state and ids back, before the first message. */
    synchronized void restore(EngineSnapshot snapshot) {
        if (!(engine instanceof StatefulEngine stateful)) {
            throw new IllegalStateException("engine " + engine.name() + " keeps no state");
        }
        if (handledTotal.get() != 0) {
            throw new IllegalStateException("engine " + engine.name() + " handled messages already");
        }
        stateful.restoreState(snapshot.state());
        snapshot.recentIds().forEach(seen::add);
        handledBefore = snapshot.handled();
    }

    /** Into the seen window, with its partition key where a replaced key's state must forget it. */
    private void remember(Message message) {
        seen.add(message.id(), keyed ? Topics.partitionKey(message.topic()) : null);
    }

    synchronized void handle(Message message) {
        if (seen.contains(message.id())) {
            duplicates.increment();
            duplicatesTotal.incrementAndGet();
            LOG.debug("engine={} dropped a redelivery of id={} topic={}", engine.name(), message.id(), message.topic());
            return; // acknowledged: it was handled before
        }
        long start = System.nanoTime();
        try {
            Causation.run(engine.name(), message, () -> engine.onMessage(message));
        } catch (PublishFence.FencedOffException e) {
            // Its state took the input, its outputs were refused (the partition changed hands while it
            // handled): remembered as handled, so that the replay when this instance takes the
            // partition back does not apply it twice. The new owner publishes the outputs.
            remember(message);
            LOG.info("engine={} stopped publishing for id={}: {}", engine.name(), message.id(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warn(
                    "engine={} handler failed on topic={} id={}: {}",
                    engine.name(),
                    message.topic(),
                    message.id(),
                    e.toString());
            throw e; // the transport retries and dead-letters
        } finally {
            latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        // single-writer per engine: the bus never calls one subscription's handler concurrently
        handled.computeIfAbsent(
                        message.type(),
                        t -> Counter.builder("nautilus.engine.messages.handled")
                                .description("Messages the engine's handler returned from normally")
                                .tag("engine", engine.name())
                                .tag("type", t.wireName())
                                .register(meters))
                .increment();
        remember(message);
        handledTotal.incrementAndGet();
        lastMessageAt = Instant.now();
    }
}
