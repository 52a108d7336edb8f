package dev.nautilus.engines.host;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * so a failed attempt is still retried. The window lives in memory: no engine snapshots its state
 * today, so after a restart an engine relies on its group's position and on the store's unique keys.
 */
public final class EngineRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRuntime.class);

    private final Engine engine;
    private final MeterRegistry meters;
    private final Map<MessageType, Counter> handled = new EnumMap<>(MessageType.class);
    private final Counter failures;
    private final Timer latency;
    private final SeenIds seen;
    private final Counter duplicates;
    private final AtomicLong duplicatesTotal = new AtomicLong();
    private final AtomicLong handledTotal = new AtomicLong();
    private volatile Instant startedAt;
    private volatile Instant lastMessageAt;

    EngineRuntime(Engine engine, MeterRegistry meters) {
        this(engine, meters, SeenIds.DEFAULT_CAPACITY);
    }

    EngineRuntime(Engine engine, MeterRegistry meters, int seenIdWindow) {
        this.engine = engine;
        this.seen = new SeenIds(seenIdWindow);
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

    void handle(Message message) {
        if (seen.contains(message.id())) {
            duplicates.increment();
            duplicatesTotal.incrementAndGet();
            LOG.debug("engine={} dropped a redelivery of id={} topic={}", engine.name(), message.id(), message.topic());
            return; // acknowledged: it was handled before
        }
        long start = System.nanoTime();
        try {
            engine.onMessage(message);
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
        seen.add(message.id());
        handledTotal.incrementAndGet();
        lastMessageAt = Instant.now();
    }
}
