package dev.nautilus.bench.migration;

import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.app.migration.Layout;
import dev.nautilus.app.migration.Migration;
import dev.nautilus.app.migration.MigrationRedis;
import dev.nautilus.app.migration.StepReport;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.bus.redis.bridge.LayoutBridge;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.marketdata.InstrumentReference;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.marketdata.Trade;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The migration as the benchmark and its tests perform it: a chain of engines on the main Redis
 * (the single layout), a replay at a steady rate through the market-data hub, the bridge, and an
 * observer on the dual bus that records every output (signals, portfolio, risk, margin) by id.
 * Each engine runs in a host and a bus of its own, as a process would; {@link #move} stops one
 * (closing its connections), runs the step, and starts it again on the other layout with its state
 * in memory kept — what a restarted process does with persisted state. Engines are not separate
 * processes here: fourteen JVMs do not fit the 2-core machine this runs on beside the Redis servers.
 *
 * <p>The hub is the replay's entry point, so the replay pauses while the hub moves.
 */
public final class MigrationReplay implements AutoCloseable {

    /** The seeds' seven, as far as they are the trading chain, in one representative pipeline. */
    public static final List<String> CHAIN = List.of(
            EngineMatrix.FEATURES,
            EngineMatrix.VPIN,
            EngineMatrix.STRATEGY,
            EngineMatrix.PORTFOLIO,
            EngineMatrix.RISK,
            EngineMatrix.COLLATERAL,
            EngineMatrix.MARKETDATA);

    /** What the observer reads: the chain's outputs. */
    static final List<String> OUTPUT_TOPICS = List.of("strategy.*", "portfolio.*", "risk.*", "collateral.*");

    static final Set<MessageType> OUTPUT_TYPES = Set.of(
            MessageType.STRATEGY_SIGNAL,
            MessageType.PORTFOLIO_UPDATE,
            MessageType.RISK_METRIC,
            MessageType.COLLATERAL_UPDATE);

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final RoutingTable routing = RoutingTable.defaults();
    private final String mainUrl;
    private final Map<Bus, String> busUrls = new EnumMap<>(Bus.class);
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final MigrationRedis redis;
    private final Migration migration;
    private final OutputTally outputs = new OutputTally();
    private final MessageBus observerBus;
    private final Subscription observer;
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean parked = new AtomicBoolean();
    private final AtomicInteger replayed = new AtomicInteger();
    private volatile LayoutBridge bridge;
    private Thread replay;

    /** One engine: the engine (its state), and the host and bus it runs on now. */
    private static final class Slot {
        final Engine engine;
        Layout layout = Layout.SINGLE;
        MessageBus bus;
        EngineHost host;

        Slot(Engine engine) {
            this.engine = engine;
        }
    }

    /** Starts the chain on the single layout, the observer on the dual bus, and the bridge. */
    public MigrationReplay(String mainUrl, String marketDataUrl, String engineLogicUrl, List<String> chain) {
        this.mainUrl = mainUrl;
        busUrls.put(Bus.MARKETDATA, marketDataUrl);
        busUrls.put(Bus.ENGINE_LOGIC, engineLogicUrl);
        this.redis = new MigrationRedis(routing, mainUrl, busUrls);
        this.migration = new Migration(redis);
        this.observerBus = bus(Layout.DUAL, "observer");
        this.observer =
                observerBus.endpoint("observer", "observer-1").subscribe(OUTPUT_TOPICS, OUTPUT_TYPES, outputs::add);
        // consumers first, the hub last, as EngineHost starts them, so every group exists before the first trade
        for (String name : chain) {
            Slot slot = new Slot(EngineCatalog.create(name));
            slots.put(name, slot);
            startOn(slot, Layout.SINGLE);
        }
        this.bridge = new LayoutBridge(routing, mainUrl, busUrls, Migration.readers(routing), 100_000);
    }

    private MessageBus bus(Layout layout, String identity) {
        String marketData = layout == Layout.SINGLE ? mainUrl : busUrls.get(Bus.MARKETDATA);
        String engineLogic = layout == Layout.SINGLE ? mainUrl : busUrls.get(Bus.ENGINE_LOGIC);
        return RedisBuses.dualBus(
                routing, RedisBusConfig.defaults(marketData, identity), RedisBusConfig.defaults(engineLogic, identity));
    }

    private void startOn(Slot slot, Layout layout) {
        slot.layout = layout;
        slot.bus = bus(layout, slot.engine.name());
        slot.host = new EngineHost(slot.bus, new SimpleMeterRegistry(), "1", List.of(slot.engine));
        slot.host.start();
    }

    /** Publishes the references, then the trades at {@code perSecond}, on a thread of its own. */
    public void startReplay(List<InstrumentReference> references, List<Trade> trades, int perSecond) {
        MarketDataHub hub = hub();
        references.forEach(hub::publishReference);
        outputs.startMeasuringGaps();
        replay = Thread.ofPlatform().name("migration-replay").start(() -> {
            long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
            long next = System.nanoTime();
            for (Trade trade : trades) {
                while (paused.get()) {
                    parked.set(true);
                    LockSupport.parkNanos(1_000_000);
                }
                parked.set(false);
                for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                next = Math.max(next + interval, System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(100));
                hub.ingest(trade);
                replayed.incrementAndGet();
            }
            hub.flushBars();
        });
    }

    private MarketDataHub hub() {
        return (MarketDataHub) slots.get(EngineMatrix.MARKETDATA).engine;
    }

    /** Trades the replay has handed to the hub so far. */
    public int replayed() {
        return replayed.get();
    }

    /** Stops the engine, moves it with a step (to dual) or a rollback (to single), starts it on its new layout. */
    public StepReport move(String engine, Layout to) {
        Slot slot = slots.get(engine);
        if (slot.layout == to) {
            throw new IllegalStateException(engine + " is on the " + to.key() + " layout already");
        }
        boolean isHub = engine.equals(EngineMatrix.MARKETDATA);
        if (isHub) {
            paused.set(true);
            while (!parked.get() && replay != null && replay.isAlive()) {
                LockSupport.parkNanos(1_000_000);
            }
        }
        try {
            slot.host.close();
            slot.bus.close();
            StepReport report = to == Layout.DUAL ? migration.step(engine, WAIT) : migration.rollback(engine, WAIT);
            startOn(slot, to);
            return report;
        } finally {
            paused.set(false);
        }
    }

    /** Kills the bridge as a crash would (nothing finished, nothing more acknowledged). */
    public void killBridge() {
        bridge.kill();
    }

    /** Starts a new bridge, which resumes from its groups and checkpoints. */
    public void restartBridge() {
        bridge = new LayoutBridge(routing, mainUrl, busUrls, Migration.readers(routing), 100_000);
    }

    /** Waits for the replay's end and for every output to have arrived, then stops counting gaps. */
    public void awaitQuiet(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (replay != null) {
            replay.join(timeout.toMillis());
        }
        outputs.stopMeasuringGaps();
        int seen = -1;
        while (System.nanoTime() < deadline) {
            boolean drained = (bridge == null || migration.bridgeCaughtUp())
                    && migration.status().stream().allMatch(f -> f.engineLag() == 0);
            if (drained && outputs.size() == seen) {
                return;
            }
            seen = drained ? outputs.size() : -1;
            Thread.sleep(300);
        }
        throw new IllegalStateException("outputs still arriving after " + timeout.toMillis() + " ms; bridge lag "
                + (bridge == null ? "(stopped)" : migration.bridgeLag()) + ", " + migration.status());
    }

    /**
     * Records the migration finished (once the bridge copied everything), stops the bridge, as its
     * process does when it reads the record, and removes the bridge's groups.
     */
    public void finish() {
        migration.recordFinished(WAIT);
        bridge.close();
        bridge = null;
        migration.removeBridge(false, WAIT);
    }

    /** The migration's operations on the same three Redis servers. */
    public Migration migration() {
        return migration;
    }

    /** The bridge running now. */
    public LayoutBridge bridge() {
        return bridge;
    }

    /** What the observer received. */
    OutputTally outputs() {
        return outputs;
    }

    /** The layout each engine runs on now. */
    public Layout layoutOf(String engine) {
        return slots.get(engine).layout;
    }

    /**
     * The outputs of the same chain and replay on the in-memory buses, never migrated: what a
     * migrated run must equal.
     */
    static OutputTally reference(List<String> chain, List<InstrumentReference> references, List<Trade> trades)
            throws InterruptedException {
        OutputTally tally = new OutputTally();
        try (MessageBus bus = InMemoryTransport.dualBus();
                EngineHost host = new EngineHost(bus, new SimpleMeterRegistry(), "1", EngineCatalog.create(chain))) {
            bus.endpoint("observer", "observer-1").subscribe(OUTPUT_TOPICS, OUTPUT_TYPES, tally::add);
            host.start();
            MarketDataHub hub = (MarketDataHub) host.runtimes().stream()
                    .filter(r -> r.engine().name().equals(EngineMatrix.MARKETDATA))
                    .findFirst()
                    .orElseThrow()
                    .engine();
            references.forEach(hub::publishReference);
            trades.forEach(hub::ingest);
            hub.flushBars();
            int seen = -1;
            while (tally.size() != seen) {
                seen = tally.size();
                Thread.sleep(500);
            }
        }
        return tally;
    }

    @Override
    public void close() {
        paused.set(false);
        if (replay != null) {
            replay.interrupt();
        }
        observer.close();
        observerBus.close();
        for (Slot slot : slots.values()) {
            slot.host.close();
            slot.bus.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        redis.close();
    }
}
