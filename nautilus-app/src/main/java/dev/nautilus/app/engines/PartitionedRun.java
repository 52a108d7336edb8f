package dev.nautilus.app.engines;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.bus.redis.RedisTransport;
import dev.nautilus.bus.redis.partition.PartitionContext;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.host.EngineStateStore;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.KeyedStatefulEngine;
import dev.nautilus.engines.host.SeenIds;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.marketdata.SyntheticFeedConfig;
import dev.nautilus.engines.marketdata.SyntheticMarketFeed;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.topics.StrategyTopics;
import dev.nautilus.engines.topics.VpinTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A partitioned pipeline in one JVM, for the partition tests and {@code ./nautilus bench
 * partitions}: the market-data hub fed with the synthetic feed, any number of instances of the
 * engines under test (each on buses of its own: its own connections and consumer name), and a
 * collector of their outputs per topic (per instrument and kind), in the order they arrived. Every message an instance
 * handles is logged with the partition and lease epoch it was handled under.
 */
public final class PartitionedRun implements AutoCloseable {

    /** One handled message: the instance, its partition and epoch, and whether it was a replay. */
    public record Handled(String instance, int partition, long epoch, String id, boolean replay) {}

    /** One running instance of the engines. */
    public record Instance(String name, MessageBus bus, EngineHost host) {}

    private final Function<String, MessageBus> buses;
    private final Supplier<List<Engine>> engines;
    private final Optional<EngineStateStore> state;
    private final MessageBus hubBus;
    private final MessageBus collectorBus;
    private final EngineHost hubHost;
    private final MarketDataHub hub = new MarketDataHub();
    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, List<String>> outputs = new LinkedHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final Map<String, String> firstIds = new HashMap<>();
    private long repeatedUnderAnotherId;
    private volatile long lastOutputNanos;
    private final ConcurrentLinkedQueue<Handled> handled = new ConcurrentLinkedQueue<>();
    private final Set<MessageBus> opened = new HashSet<>();

    /**
     * @param buses   opens the dual bus of one participant (hub, collector, each instance) by identity;
     *                may return one shared bus (in memory), which is closed once
     * @param engines the engines of one instance, new ones per call
     */
    public PartitionedRun(Function<String, MessageBus> buses, Supplier<List<Engine>> engines) {
        this(buses, engines, Optional.empty());
    }

    /**
     * @param state where each instance's engines keep their state ({@link EngineHost}): engines
     *              keeping state per key then checkpoint each partition there
     * @see #PartitionedRun(Function, Supplier)
     */
    public PartitionedRun(
            Function<String, MessageBus> buses, Supplier<List<Engine>> engines, Optional<EngineStateStore> state) {
        this.buses = buses;
        this.engines = engines;
        this.state = state;
        this.collectorBus = open("collector");
        collectorBus
                .endpoint("collector", "collector-1")
                .subscribe(
                        List.of(VpinTopics.ALL, "toxicity.*", StrategyTopics.SIGNALS.pattern()),
                        EnumSet.of(MessageType.VPIN_CALCULATION, MessageType.STRATEGY_SIGNAL),
                        this::collect);
        this.hubBus = open("hub");
        this.hubHost = new EngineHost(hubBus, new SimpleMeterRegistry(), "1", List.of(hub));
    }

    private MessageBus open(String identity) {
        MessageBus bus = buses.apply(identity);
        opened.add(bus);
        return bus;
    }

    private synchronized void collect(Message message) {
        // By topic (one series per instrument and kind): an urgent alert may overtake a status on the way.
        String json = message.payload().json();
        outputs.computeIfAbsent(message.topic(), k -> new ArrayList<>()).add(json);
        String first = firstIds.putIfAbsent(message.topic() + '\n' + json, message.id());
        if (first != null && !first.equals(message.id())) {
            repeatedUnderAnotherId++;
        }
        received.incrementAndGet();
        lastOutputNanos = System.nanoTime();
    }

    /**
     * The outputs of one instance of {@code engines} on the in-memory bus for {@code steps} steps of
     * the synthetic feed of {@code instruments} instruments: the series a partitioned run must equal.
     *
     * @throws IllegalStateException when no output arrives within a minute
     */
    public static Map<String, List<String>> oneInstanceInMemory(
            Supplier<List<Engine>> engines, int instruments, int steps) {
        MessageBus memory = InMemoryTransport.dualBus();
        try (PartitionedRun run = new PartitionedRun(identity -> memory, engines)) {
            run.start(1);
            run.startHub();
            run.feed(instruments, steps, Duration.ZERO, step -> {});
            if (!run.awaitOutputs(1, Duration.ofSeconds(1), Duration.ofSeconds(60))) {
                throw new IllegalStateException("one instance in memory gave no output within 60 s");
            }
            return run.outputs();
        }
    }

    /** How many outputs {@code series} holds in all. */
    public static long total(Map<String, List<String>> series) {
        return series.values().stream().mapToLong(List::size).sum();
    }

    /** When the last output arrived ({@link System#nanoTime()}), 0 before the first. */
    public long lastOutputNanos() {
        return lastOutputNanos;
    }

    /** Starts instance {@code n} ({@code <engine>-<n>}) of the engines. */
    public Instance start(int n) {
        String name = "instance-" + n;
        MessageBus bus = open(name);
        List<Engine> logged = new ArrayList<>();
        for (Engine engine : engines.get()) {
            logged.add(Logged.of(engine, name, handled::add));
        }
        EngineHost host = new EngineHost(
                bus, engine -> new SimpleMeterRegistry(), Integer.toString(n), logged, SeenIds.DEFAULT_CAPACITY, state);
        host.start();
        Instance instance = new Instance(name, bus, host);
        synchronized (instances) {
            instances.add(instance);
        }
        return instance;
    }

    /** Starts the hub: from now on {@link #feed} publishes. */
    public void startHub() {
        hubHost.start();
    }

    /**
     * Publishes {@code steps} steps of the synthetic feed of {@code instruments} instruments
     * (seed 42), paced to last about {@code over} ({@link Duration#ZERO}: as fast as possible);
     * {@code atStep} is told each step number first, to act mid-run.
     */
    public long feed(int instruments, int steps, Duration over, java.util.function.IntConsumer atStep) {
        SyntheticMarketFeed feed = new SyntheticMarketFeed(SyntheticFeedConfig.defaults(42, instruments, 4));
        long pause = over.toNanos() / Math.max(1, steps);
        long start = System.nanoTime();
        long trades = 0;
        for (int step = 0; step < steps; step++) {
            atStep.accept(step);
            for (Trade trade : feed.nextStep()) {
                hub.ingest(trade);
                trades++;
            }
            long due = start + pause * (step + 1);
            while (System.nanoTime() - due < 0) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
        }
        return trades;
    }

    /**
     * Waits until {@code expected} outputs arrived and nothing more came for {@code quiet}; false at
     * {@code timeout}, or once nothing came for 30 s short of {@code expected} (outputs lost).
     */
    public boolean awaitOutputs(long expected, Duration quiet, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long stall = Duration.ofSeconds(30).toNanos();
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = received.get();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (now >= expected && System.nanoTime() - stableSince >= quiet.toNanos()) {
                return true;
            } else if (System.nanoTime() - stableSince >= stall) {
                return false;
            }
            LockSupport.parkNanos(20_000_000L);
        }
        return false;
    }

    /** The outputs so far, by topic, each in arrival order. */
    public synchronized Map<String, List<String>> outputs() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        outputs.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /**
     * Outputs that repeat an earlier figure under another message id: a consumer deduplicating by id
     * would apply those twice. A figure published again after a crash should carry its first id.
     */
    public synchronized long repeatedUnderAnotherId() {
        return repeatedUnderAnotherId;
    }

    /** Outputs received so far. */
    public long received() {
        return received.get();
    }

    /** Every message the instances handled, with its partition and epoch. */
    public List<Handled> handled() {
        return List.copyOf(handled);
    }

    /** The partitions {@code instance} holds now on the MarketData bus, of all its engines (empty in memory). */
    public static Set<Integer> held(Instance instance) {
        Set<Integer> held = new HashSet<>();
        heldByGroup(instance).values().forEach(held::addAll);
        return held;
    }

    /** The partitions each engine ({@code group/consumer}) of {@code instance} holds now on the MarketData bus. */
    public static Map<String, Set<Integer>> heldByGroup(Instance instance) {
        if (instance.bus() instanceof DualMessageBus dual
                && dual.transport(Bus.MARKETDATA) instanceof RedisTransport redis) {
            return redis.heldPartitions();
        }
        return Map.of();
    }

    /**
     * Stops {@code instance} as a crash would: its partitioned subscriptions handle, acknowledge,
     * renew and release nothing more, on both buses, so its partitions move only once their leases
     * expire. Its engines stay in memory, unreachable.
     */
    public void crash(Instance instance) {
        if (instance.bus() instanceof DualMessageBus dual) {
            for (Bus bus : Bus.values()) {
                if (dual.transport(bus) instanceof RedisTransport redis) {
                    redis.haltPartitionsAsIfCrashed();
                }
            }
        }
    }

    /** The instances started so far. */
    public List<Instance> instances() {
        synchronized (instances) {
            return List.copyOf(instances);
        }
    }

    @Override
    public void close() {
        for (Instance instance : instances()) {
            instance.host().close();
        }
        hubHost.close();
        opened.forEach(MessageBus::close);
    }

    /**
     * Records a message an instance outside this JVM handled (one in a process of its own), so that
     * {@link #handled()} checks its ownership with the others'.
     */
    public void recordHandled(Handled elsewhere) {
        handled.add(elsewhere);
    }

    /**
     * Wraps {@code engine} so that every message it handles is told to {@code log} with the
     * partition it was handled in: what an instance in a process of its own reports.
     */
    public static Engine logged(Engine engine, String instance, java.util.function.Consumer<Handled> log) {
        return Logged.of(engine, instance, log);
    }

    /** An engine whose every handled message is logged with the partition it was handled in. */
    private static class Logged implements Engine {

        private final Engine engine;
        private final String instance;
        private final java.util.function.Consumer<Handled> log;

        Logged(Engine engine, String instance, java.util.function.Consumer<Handled> log) {
            this.engine = engine;
            this.instance = instance;
            this.log = log;
        }

        static Engine of(Engine engine, String instance, java.util.function.Consumer<Handled> log) {
            return engine instanceof KeyedStatefulEngine keyed
                    ? new LoggedKeyed(keyed, instance, log)
                    : new Logged(engine, instance, log);
        }

        @Override
        public EngineWiring wiring() {
            return engine.wiring();
        }

        @Override
        public void onStart(EngineContext context) {
            engine.onStart(context);
        }

        @Override
        public void onMessage(Message message) {
            engine.onMessage(message);
            PartitionContext.current()
                    .ifPresent(p ->
                            log.accept(new Handled(instance, p.partition(), p.epoch(), message.id(), p.replaying())));
        }

        @Override
        public void onStop() {
            engine.onStop();
        }
    }

    /** A logged engine that keeps its state per key: it checkpoints through the wrapper. */
    private static final class LoggedKeyed extends Logged implements KeyedStatefulEngine {

        private final KeyedStatefulEngine keyed;

        LoggedKeyed(KeyedStatefulEngine engine, String instance, java.util.function.Consumer<Handled> log) {
            super(engine, instance, log);
            this.keyed = engine;
        }

        @Override
        public String saveState() {
            return keyed.saveState();
        }

        @Override
        public void restoreState(String state) {
            keyed.restoreState(state);
        }

        @Override
        public boolean keepsStatePerKey() {
            return keyed.keepsStatePerKey();
        }

        @Override
        public String saveKeys(Predicate<String> keys) {
            return keyed.saveKeys(keys);
        }

        @Override
        public void replaceKeys(Predicate<String> keys, Optional<String> state) {
            keyed.replaceKeys(keys, state);
        }
    }
}
