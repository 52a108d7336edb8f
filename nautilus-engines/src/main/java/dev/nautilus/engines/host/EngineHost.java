package dev.nautilus.engines.host;

import dev.nautilus.bus.BusEndpoint;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.Subscription;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs engines on a bus: one engine (one process per engine, as the seeds deploy them) or all of
 * them in one JVM. Start order is the order given, so a publisher given last (the market-data hub)
 * finds every consumer group already subscribed; stop order is the reverse.
 *
 * <p>The host owns the engines' endpoints and subscriptions, not the bus.
 */
public final class EngineHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineHost.class);

    private final MessageBus bus;
    private final String instanceSuffix;
    private final List<EngineRuntime> runtimes = new ArrayList<>();
    private final List<BusEndpoint> endpoints = new ArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Optional<EngineSnapshots> snapshots;
    private final Optional<EngineStateStore> state;
    private boolean started;

    /**
     * @param bus            the dual bus engines talk through
     * @param meters         where engine meters go
     * @param instanceSuffix distinguishes instances of one engine ({@code <engine>-<suffix>}), e.g. {@code 1}
     * @param engines        the engines, subscribers first
     */
    public EngineHost(MessageBus bus, MeterRegistry meters, String instanceSuffix, List<? extends Engine> engines) {
        this(bus, engine -> meters, instanceSuffix, engines, SeenIds.DEFAULT_CAPACITY);
    }

    /**
     * @param seenIdWindow message ids each engine remembers to drop redeliveries (see {@link SeenIds})
     * @see #EngineHost(MessageBus, MeterRegistry, String, List)
     */
    public EngineHost(
            MessageBus bus,
            MeterRegistry meters,
            String instanceSuffix,
            List<? extends Engine> engines,
            int seenIdWindow) {
        this(bus, engine -> meters, instanceSuffix, engines, seenIdWindow);
    }

    /** Each engine's meters in a registry of its own, each engine remembering the default window of ids. */
    public EngineHost(
            MessageBus bus,
            Function<? super Engine, ? extends MeterRegistry> metersOf,
            String instanceSuffix,
            List<? extends Engine> engines) {
        this(bus, metersOf, instanceSuffix, engines, SeenIds.DEFAULT_CAPACITY);
    }

    /**
     * @param metersOf     where each engine's meters go, by engine: one registry per engine lets
     *                     each endpoint serve its own meters only
     * @param seenIdWindow message ids each engine remembers to drop redeliveries (see {@link SeenIds})
     */
    public EngineHost(
            MessageBus bus,
            Function<? super Engine, ? extends MeterRegistry> metersOf,
            String instanceSuffix,
            List<? extends Engine> engines,
            int seenIdWindow) {
        this(bus, metersOf, instanceSuffix, engines, seenIdWindow, Optional.empty());
    }

    /**
     * @param state where the {@link StatefulEngine}s' snapshots are kept (see {@link EngineSnapshots}):
     *              restored at {@link #start()}, and the bus's consumers acknowledge only what a
     *              stored snapshot includes; a {@link KeyedStatefulEngine} reading partitioned
     *              types only is kept in its partitions' checkpoints there instead; empty: the
     *              engines start from their initial state
     * @see #EngineHost(MessageBus, Function, String, List, int)
     */
    public EngineHost(
            MessageBus bus,
            Function<? super Engine, ? extends MeterRegistry> metersOf,
            String instanceSuffix,
            List<? extends Engine> engines,
            int seenIdWindow,
            Optional<EngineStateStore> state) {
        this.bus = bus;
        this.instanceSuffix = instanceSuffix;
        engines.forEach(e -> runtimes.add(new EngineRuntime(e, metersOf.apply(e), seenIdWindow)));
        // An engine kept in its partitions' checkpoints needs no whole snapshot: it would be redundant,
        // and one row per group that every instance sharing the store overwrites (refused when
        // older, holding acknowledgements back).
        List<EngineRuntime> whole =
                runtimes.stream().filter(r -> !checkpointedByPartition(r)).toList();
        this.snapshots = state.map(store -> new EngineSnapshots(store, bus::confirmed, whole))
                .filter(EngineSnapshots::keepsAny);
        this.state = state;
    }

    /** Subscribes and starts every engine. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("engine host already started");
        }
        started = true;
        // restored before any subscription exists: no message reaches an engine still flat
        snapshots.ifPresent(s -> {
            s.restoreAndStart();
            bus.acknowledgeAlsoAfter(s);
        });
        for (EngineRuntime runtime : runtimes) {
            Engine engine = runtime.engine();
            EngineWiring wiring = engine.wiring();
            BusEndpoint endpoint = bus.endpoint(wiring.name(), wiring.name() + "-" + instanceSuffix);
            endpoints.add(endpoint);
            if (wiring.subscribes()) {
                subscriptions.add(endpoint.subscribe(wiring.subscriptions(), wiring.types(), handler(runtime)));
            }
        }
        // start after every subscription exists, so nothing an engine publishes at start is missed
        for (int i = 0; i < runtimes.size(); i++) {
            EngineRuntime runtime = runtimes.get(i);
            runtime.engine().onStart(new EngineContext(endpoints.get(i), runtime.meters()));
            runtime.markStarted();
            LOG.info(
                    "engine={} started reads={} types={}",
                    runtime.engine().name(),
                    runtime.engine().wiring().subscriptions(),
                    runtime.engine().wiring().types());
        }
    }

    /**
     * What the engine subscribes with: an engine keeping state per key, with a store, is
     * checkpointed per partition where the bus partitions its types ({@link EnginePartitionState}).
     */
    private MessageHandler handler(EngineRuntime runtime) {
        return state.isPresent() && checkpointedByPartition(runtime)
                ? new EnginePartitionState(runtime, state.get())
                : runtime::handle;
    }

    /**
     * Whether the engine keeps its state per key and reads only partitioned types: then every key's
     * inputs come with its partition, and its partitions' checkpoints hold all its state. One that
     * also reads a type whole would have that type's part of a key's state cleared or replaced when
     * the key's partition is taken: it is kept in a whole snapshot instead, and rebuilt by replay.
     */
    private boolean checkpointedByPartition(EngineRuntime runtime) {
        return runtime.keyed() && runtime.engine().wiring().types().stream().allMatch(bus::partitioned);
    }

    /** The running engines, in start order. */
    public List<EngineRuntime> runtimes() {
        return List.copyOf(runtimes);
    }

    /** The bus. */
    public MessageBus bus() {
        return bus;
    }

    /** Stops engines in reverse order, closing their subscriptions first. Does not close the bus. */
    @Override
    public synchronized void close() {
        // closing an endpoint closes its subscriptions: no message reaches an engine being stopped
        endpoints.forEach(BusEndpoint::close);
        endpoints.clear();
        subscriptions.clear();
        // the readers settled their last batches above; the last capture includes all they handled
        snapshots.ifPresent(EngineSnapshots::close);
        for (int i = runtimes.size() - 1; i >= 0; i--) {
            Engine engine = runtimes.get(i).engine();
            try {
                engine.onStop();
            } catch (RuntimeException e) {
                LOG.warn("engine={} failed to stop: {}", engine.name(), e.toString());
            }
        }
    }
}
