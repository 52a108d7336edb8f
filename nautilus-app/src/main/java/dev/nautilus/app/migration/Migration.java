package dev.nautilus.app.migration;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.redis.bridge.BridgeLag;
import dev.nautilus.bus.redis.bridge.LayoutBridge;
import dev.nautilus.bus.redis.bridge.StreamMirror;
import dev.nautilus.bus.redis.monitor.ClientConnections;
import dev.nautilus.bus.redis.monitor.GroupInfo;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * The migration's operations, as {@code nautilus migrate} runs them and the benchmark and tests drive
 * them. A step does not start or stop processes: the engine is stopped by whoever runs it (the
 * supervisor, systemd, the operator; the benchmark's driver), {@link #step} waits until its
 * connections have left the Redis it leaves, moves its groups, records it as {@code dual}, and the
 * engine is then started on the dual layout.
 *
 * <p>A step, in order: the record says {@code moving}; the engine's connections are gone; the
 * bridge has copied everything in both directions (so the engine's last outputs reach the new side
 * before its first new ones, and everything it handled has its copy there); its groups are created
 * on the new side at the equivalent positions ({@link GroupTranslation}) and dropped on the old; the
 * record says {@code dual}. A rollback is the same the other way.
 */
public final class Migration {

    private final MigrationRedis redis;
    private final MigrationState state;
    private final GroupTranslation translation;

    public Migration(MigrationRedis redis) {
        this.redis = redis;
        this.state = new MigrationState(redis.recordKeeper(), redis.routing().prefix());
        this.translation = new GroupTranslation(redis);
    }

    /** The engines in a safe order (all of the matrix when {@code engines} is empty). */
    public List<MigrationPlan.Step> plan(List<String> engines) {
        return MigrationPlan.of(engines);
    }

    /** Where an engine is now: {@code single}, {@code moving} or {@code dual}. */
    public String layoutOf(String engine) {
        return state.layoutOf(engine);
    }

    /** Moves a stopped engine from the main Redis to the dual bus. */
    public StepReport step(String engine, Duration wait) {
        return move(engine, Layout.SINGLE, wait);
    }

    /** Moves a stopped engine back from the dual bus to the main Redis. */
    public StepReport rollback(String engine, Duration wait) {
        return move(engine, Layout.DUAL, wait);
    }

    private StepReport move(String engine, Layout from, Duration wait) {
        var wiring = EngineMatrix.of(engine);
        String now = state.layoutOf(engine);
        if (!now.equals(from.key()) && !now.equals(MigrationState.MOVING)) {
            throw new IllegalStateException("engine " + engine + " is on the " + now + " layout, not " + from.key());
        }
        if (state.finished().isPresent()) {
            throw new IllegalStateException(
                    "the migration was finished at " + state.finished().get());
        }
        state.set(engine, MigrationState.MOVING);
        long start = System.nanoTime();
        try {
            await(
                    () -> connectionsOf(engine, from) == 0,
                    wait,
                    "engine " + engine + " still has connections on the " + from.key() + " layout: stop it first");
            awaitBridgeThroughNow(wait);
            List<GroupTranslation.Lane> lanes = translation.move(engine, wiring.types(), from);
            state.set(engine, from.other().key());
            StepReport report =
                    new StepReport(engine, from, from.other(), lanes, Duration.ofNanos(System.nanoTime() - start));
            state.append(report.summary());
            return report;
        } catch (RuntimeException e) {
            state.set(engine, from.key());
            state.append(engine + " " + from.key() + " -> " + from.other().key() + " abandoned: " + e.getMessage());
            throw e;
        }
    }

    private int connectionsOf(String engine, Layout layout) {
        if (layout == Layout.SINGLE) {
            return connectionsOf(engine, redis.main());
        }
        int total = 0;
        for (Bus bus : Bus.values()) {
            total += connectionsOf(engine, redis.bus(bus));
        }
        return total;
    }

    private static int connectionsOf(String engine, io.lettuce.core.api.sync.RedisCommands<String, String> commands) {
        // A process its supervisor restarted while the step runs waits for the step on a connection
        // of its own (RecordedLayout): counted, it would keep a rollback waiting for itself.
        return ClientConnections.countByEngine(
                        commands.clientList(), name -> !RecordedLayout.ROLE.equals(ClientConnections.roleOf(name)))
                .getOrDefault(engine, 0);
    }

    /**
     * Waits until every direction of the bridge has copied what its source holds now (while
     * producers go on writing): the engine that stopped has its last outputs and every input it
     * handled copied to the other side.
     */
    private void awaitBridgeThroughNow(Duration wait) {
        Map<io.lettuce.core.api.sync.RedisCommands<String, String>, Map<String, String>> ends = new LinkedHashMap<>();
        for (Bus bus : Bus.values()) {
            ends.put(redis.main(), merged(ends.get(redis.main()), BridgeLag.ends(redis.main(), streamsOf(bus))));
            ends.put(redis.bus(bus), BridgeLag.ends(redis.bus(bus), streamsOf(bus)));
        }
        await(
                () -> ends.entrySet().stream().allMatch(e -> BridgeLag.copiedThrough(e.getKey(), e.getValue())),
                wait,
                "the bridge is not running or has not caught up");
    }

    private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new LinkedHashMap<>(b);
        if (a != null) {
            all.putAll(a);
        }
        return all;
    }

    /** Whether every direction of the bridge has copied what its source holds now. */
    public boolean bridgeCaughtUp() {
        return bridgeLag().values().stream().allMatch(l -> l.isPresent() && l.getAsLong() == 0);
    }

    /** The lag of each direction of the bridge, e.g. {@code main-to-marketdata}; empty when it never ran. */
    public Map<String, OptionalLong> bridgeLag() {
        Map<String, OptionalLong> lag = new LinkedHashMap<>();
        for (Bus bus : Bus.values()) {
            List<String> streams = streamsOf(bus);
            lag.put(LayoutBridge.MAIN + "-to-" + bus.key(), BridgeLag.of(redis.main(), streams));
            lag.put(bus.key() + "-to-" + LayoutBridge.MAIN, BridgeLag.of(redis.bus(bus), streams));
        }
        return lag;
    }

    /** The figures of the three Redis servers, main first. */
    public List<RedisFigures> status() {
        List<RedisFigures> figures = new ArrayList<>();
        figures.add(figures("main", redis.main()));
        for (Bus bus : Bus.values()) {
            figures.add(figures(bus.key(), redis.bus(bus)));
        }
        return figures;
    }

    /** Every engine's layout as recorded, in plan order. */
    public Map<String, String> layouts() {
        Map<String, String> layouts = new LinkedHashMap<>();
        plan(List.of()).forEach(s -> layouts.put(s.engine(), state.layoutOf(s.engine())));
        return layouts;
    }

    /** The record's lines, oldest first. */
    public List<String> log() {
        return state.log();
    }

    /**
     * Ends the migration ({@link #recordFinished}, then {@link #removeBridge}): a running bridge
     * reads the record within a second and stops, and then its groups and checkpoints go.
     */
    public void finish(boolean dropOldStreams, Duration wait) {
        recordFinished(wait);
        removeBridge(dropOldStreams, wait);
    }

    /**
     * Records the migration finished, once no engine is connected to the main Redis and the bridge
     * has copied what its sources hold now. A running bridge stops when it reads the record.
     */
    public void recordFinished(Duration wait) {
        await(
                () -> figures("main", redis.main()).engineConnections() == 0,
                wait,
                "engines still connected to the main Redis: "
                        + figures("main", redis.main()).clientsByEngine());
        awaitBridgeThroughNow(wait);
        state.finish();
        state.append("finished");
    }

    /**
     * Once the bridge has stopped (no {@code nautilus:bridge:…} connection left), removes its groups
     * and checkpoints, so that no lag of a bridge that is gone grows on the monitor; with
     * {@code dropOldStreams} deletes the buses' streams from the main Redis too.
     */
    public void removeBridge(boolean dropOldStreams, Duration wait) {
        if (!finished()) {
            throw new IllegalStateException("the migration is not finished: the bridge is still needed");
        }
        await(
                () -> status().stream().allMatch(f -> f.connectionsOf("bridge") == 0),
                wait,
                "the bridge is still running (it stops within a second of reading that the migration finished)");
        for (Bus bus : Bus.values()) {
            for (String stream : streamsOf(bus)) {
                dropBridgeGroup(redis.main(), stream);
                dropBridgeGroup(redis.bus(bus), stream);
            }
            redis.bus(bus).del(LayoutBridge.checkpointKey(redis.routing(), LayoutBridge.MAIN));
            redis.main().del(LayoutBridge.checkpointKey(redis.routing(), bus.key()));
            if (dropOldStreams) {
                redis.main().del(streamsOf(bus).toArray(String[]::new));
            }
        }
        state.append("bridge removed" + (dropOldStreams ? ", old streams dropped" : ""));
    }

    private static void dropBridgeGroup(
            io.lettuce.core.api.sync.RedisCommands<String, String> commands, String stream) {
        if (commands.exists(stream) > 0
                && GroupInfo.fromXinfoGroups(commands.xinfoGroups(stream)).stream()
                        .anyMatch(g -> g.name().equals(StreamMirror.GROUP))) {
            commands.xgroupDestroy(stream, StreamMirror.GROUP);
        }
    }

    /** Whether the migration was finished. */
    public boolean finished() {
        return state.finished().isPresent();
    }

    private RedisFigures figures(String name, io.lettuce.core.api.sync.RedisCommands<String, String> commands) {
        List<String> streams = new ArrayList<>();
        for (Bus bus : Bus.values()) {
            streams.addAll(streamsOf(bus));
        }
        return RedisFigures.of(name, commands, streams);
    }

    private List<String> streamsOf(Bus bus) {
        return LayoutBridge.streams(
                redis.routing(), bus, readers(redis.routing()).get(bus));
    }

    /** The consumer groups (the engines of the matrix) that read each bus: the bridge copies their replay lanes. */
    public static Map<Bus, Set<String>> readers(RoutingTable routing) {
        Map<Bus, Set<String>> readers = new EnumMap<>(Bus.class);
        for (Bus bus : Bus.values()) {
            readers.put(bus, new TreeSet<>());
        }
        for (EngineWiring engine : EngineMatrix.all()) {
            engine.types().forEach(type -> readers.get(routing.busOf(type)).add(engine.name()));
        }
        return readers;
    }

    /** The bridge between the layouts {@code redis} connects, for every engine of the matrix. */
    public static LayoutBridge bridge(MigrationRedis redis, long maxLen) {
        return new LayoutBridge(redis.routing(), redis.mainUrl(), redis.busUrls(), readers(redis.routing()), maxLen);
    }

    private static void await(BooleanSupplier condition, Duration wait, String otherwise) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(otherwise + " (waited " + wait.toMillis() + " ms)");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
