package dev.nautilus.bus.redis.bridge;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.Closeables;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.redis.RedisBuses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The bridge between the single-Redis layout (both buses' streams on the main Redis, the same keys)
 * and the dual bus: for each bus, its streams copied from the main Redis to the bus's Redis and back
 * (four {@link StreamMirror}s), with the bus's dead letters and its groups' replay lanes
 * ({@link #streams}). Both directions run for every stream, so whichever side an engine's
 * producers and consumers are on, each consumer sees each message once, with its envelope id, on
 * its own side; copies are never copied back. Checkpoints live on the target of each direction,
 * {@code <prefix>:bridge:from:main} on the bus Redis servers and {@code <prefix>:bridge:from:<bus>}
 * on the main Redis.
 */
public final class LayoutBridge implements AutoCloseable {

    /** What copies made from the main Redis say they came from. */
    public static final String MAIN = "main";

    private final List<StreamMirror> mirrors = new ArrayList<>();
    private final Map<Bus, StreamMirror> toBus = new EnumMap<>(Bus.class);
    private final Map<Bus, StreamMirror> toMain = new EnumMap<>(Bus.class);

    /**
     * Starts the four directions.
     *
     * @param busUrls the Redis of each bus
     * @param groups  the consumer groups that read each bus, whose replay lanes are copied too
     * @param maxLen  approximate MAXLEN of the copies
     */
    public LayoutBridge(
            RoutingTable routing,
            String mainUrl,
            Map<Bus, String> busUrls,
            Map<Bus, ? extends Collection<String>> groups,
            long maxLen) {
        try {
            for (Bus bus : Bus.values()) {
                Collection<String> readers = groups.get(bus);
                List<String> streams = streams(routing, bus, readers == null ? List.of() : readers);
                StreamMirror down = new StreamMirror(
                        MAIN + "-to-" + bus.key(),
                        MAIN,
                        mainUrl,
                        busUrls.get(bus),
                        streams,
                        checkpointKey(routing, MAIN),
                        maxLen);
                mirrors.add(down);
                toBus.put(bus, down);
                StreamMirror up = new StreamMirror(
                        bus.key() + "-to-" + MAIN,
                        bus.key(),
                        busUrls.get(bus),
                        mainUrl,
                        streams,
                        checkpointKey(routing, bus.key()),
                        maxLen);
                mirrors.add(up);
                toMain.put(bus, up);
            }
        } catch (RuntimeException e) {
            throw Closeables.closeEachAfter(e, mirrors, StreamMirror::close);
        }
    }

    /**
     * Every stream of a bus the bridge copies: each type's lanes, the bus's dead letters (so they
     * can be seen and replayed from either side) and the replay lanes of {@code groups} (so that a
     * replay reaches its group on whichever side it reads).
     */
    public static List<String> streams(RoutingTable routing, Bus bus, Collection<String> groups) {
        List<String> streams = new ArrayList<>(RedisBuses.laneKeys(routing, routing.typesOn(bus)));
        streams.add(routing.deadLetterStream(bus));
        new TreeSet<>(groups).forEach(group -> streams.add(RedisBuses.replayLane(routing, bus, group)));
        return List.copyOf(streams);
    }

    /** The checkpoint hash of copies made from {@code origin}, on the target Redis. */
    public static String checkpointKey(RoutingTable routing, String origin) {
        return routing.prefix() + ":bridge:from:" + origin;
    }

    /** Every direction, main to buses first. */
    public List<StreamMirror> mirrors() {
        return List.copyOf(mirrors);
    }

    /** The direction from the main Redis to a bus. */
    public StreamMirror toBus(Bus bus) {
        return toBus.get(bus);
    }

    /** The direction from a bus to the main Redis. */
    public StreamMirror toMain(Bus bus) {
        return toMain.get(bus);
    }

    /** Entries not yet copied, over every direction; empty when some Redis cannot tell. */
    public OptionalLong lag() {
        long total = 0;
        for (StreamMirror mirror : mirrors) {
            OptionalLong lag = mirror.lag();
            if (lag.isEmpty()) {
                return lag;
            }
            total += lag.getAsLong();
        }
        return OptionalLong.of(total);
    }

    /** Waits until every direction has copied what its sources hold now. */
    public boolean awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (StreamMirror mirror : mirrors) {
            if (!mirror.awaitCaughtUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /** Kills every direction at once (no batch finished), as a crash of the bridge's process would. */
    public void kill() {
        mirrors.forEach(StreamMirror::kill);
    }

    @Override
    public void close() {
        Closeables.closeEach(mirrors, StreamMirror::close);
    }
}
