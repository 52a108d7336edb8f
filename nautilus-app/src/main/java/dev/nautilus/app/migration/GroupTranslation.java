package dev.nautilus.app.migration;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.redis.MirrorFields;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.bus.redis.StreamIds;
import dev.nautilus.bus.redis.bridge.LayoutBridge;
import dev.nautilus.bus.redis.monitor.GroupInfo;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Moves one engine's consumer groups from one layout to the other: on each stream it reads, its
 * group is created on the other side at the position equivalent to where it stopped, and removed
 * from the side it left.
 *
 * <p>Equivalent: the engine handled exactly the entries up to its group's last delivered id
 * {@code L} on the side it leaves, but those left pending (read in the batch it was stopped in,
 * or their acknowledgement lost), which it is given again. On the other side each entry is a copy of one of
 * those (its {@link MirrorFields#SOURCE_ID} says which) or an original that the bridge copied over
 * (found by the copies' source ids on the side left). Both kinds arrive in order, so the handled
 * ones of each kind are a prefix; the new group starts just before the first entry not handled.
 * When both kinds interleave after that point (producers of the stream on both layouts at once) a
 * handled entry can follow it: such entries are counted as {@link Lane#overlap} — the plan's order
 * (consumers before their producers) keeps it at 0.
 */
public final class GroupTranslation {

    /** Most entries scanned on one stream. */
    static final int MAX_SCAN = 2_000_000;

    private static final int PAGE = 1_000;
    /** Most pending entries of a stopped engine looked at (a stopped engine holds one read batch at most). */
    private static final int MAX_PENDING = 10_000;

    /**
     * Where one group went on one stream.
     *
     * @param stream     the stream key
     * @param leftAt     the last entry the engine handled on the side it left ({@code none}: no group)
     * @param startsAt   where its group now starts on the other side
     * @param pending    entries it left unacknowledged (delivered again)
     * @param overlap    handled entries after {@code startsAt} (delivered again)
     * @param toDeliver  entries after {@code startsAt} it had not handled
     */
    public record Lane(String stream, String leftAt, String startsAt, long pending, long overlap, long toDeliver) {}

    private final MigrationRedis redis;

    GroupTranslation(MigrationRedis redis) {
        this.redis = redis;
    }

    /** Moves {@code engine}'s groups on the streams of {@code types} from layout {@code from} to the other. */
    List<Lane> move(String engine, Set<MessageType> types, Layout from) {
        RoutingTable routing = redis.routing();
        List<Lane> lanes = new ArrayList<>();
        for (Bus bus : Bus.values()) {
            Set<MessageType> onBus = EnumSet.noneOf(MessageType.class);
            types.stream().filter(t -> routing.busOf(t) == bus).forEach(onBus::add);
            if (onBus.isEmpty()) {
                continue;
            }
            RedisCommands<String, String> source = redis.of(from, bus);
            RedisCommands<String, String> target = redis.of(from.other(), bus);
            String sourceOrigin = origin(from, bus);
            String targetOrigin = origin(from.other(), bus);
            String groupsHash = routing.prefix() + ":" + bus.key() + ":groups:" + engine;
            List<String> streams = new ArrayList<>(RedisBuses.laneKeys(routing, onBus));
            // dead letters replayed to it and not handled yet follow it; the ones it handled stay behind
            streams.add(RedisBuses.replayLane(routing, bus, engine));
            for (String stream : streams) {
                Lane lane = translate(engine, stream, source, target, sourceOrigin, targetOrigin);
                apply(engine, lane, source, target, groupsHash);
                lanes.add(lane);
            }
            source.del(groupsHash);
        }
        return lanes;
    }

    /** What copies made from this side say they came from. */
    static String origin(Layout layout, Bus bus) {
        return layout == Layout.SINGLE ? LayoutBridge.MAIN : bus.key();
    }

    private Lane translate(
            String engine,
            String stream,
            RedisCommands<String, String> source,
            RedisCommands<String, String> target,
            String sourceOrigin,
            String targetOrigin) {
        Optional<GroupInfo> group = source.exists(stream) == 0
                ? Optional.empty()
                : GroupInfo.fromXinfoGroups(source.xinfoGroups(stream)).stream()
                        .filter(g -> g.name().equals(engine))
                        .findFirst();
        if (group.isEmpty()) {
            List<StreamMessage<String, String>> last = target.xrevrange(stream, Range.create("-", "+"), Limit.from(1));
            return new Lane(stream, "none", last.isEmpty() ? "0-0" : last.get(0).getId(), 0, 0, 0);
        }
        // Read before the scan below: the bridge writes each copy with this checkpoint, so every
        // original up to it has its copy on this side by now and the scan sees it. Read after the
        // scan, it could name originals copied meanwhile, unseen, taken for handled: one skipped.
        String copiedUpTo = source.hget(LayoutBridge.checkpointKey(redis.routing(), targetOrigin), stream);
        String handledUpTo = group.get().lastDeliveredId();
        long pending = group.get().pending();
        // read and not acknowledged when it stopped: delivered again
        Set<String> pendingIds = new HashSet<>();
        if (pending > 0) {
            source.xpending(stream, engine, Range.create("-", "+"), Limit.from(MAX_PENDING))
                    .forEach(p -> pendingIds.add(p.getId()));
        }
        // originals of the other side that this engine had not handled: their copies follow L here
        Set<String> unhandledOriginals = new HashSet<>();
        for (String id : pendingIds) {
            source.xrange(stream, Range.create(id, id)).forEach(e -> noteOriginal(e, targetOrigin, unhandledOriginals));
        }
        String cursor = handledUpTo;
        int scanned = 0;
        while (true) {
            List<StreamMessage<String, String>> page =
                    source.xrange(stream, Range.create("(" + cursor, "+"), Limit.from(PAGE));
            for (StreamMessage<String, String> entry : page) {
                noteOriginal(entry, targetOrigin, unhandledOriginals);
                cursor = entry.getId();
            }
            scanned += page.size();
            if (page.size() < PAGE) {
                break;
            }
            requireBounded(scanned, stream);
        }
        String nativeFloor = copiedUpTo == null ? "0-0" : copiedUpTo;
        for (String id : unhandledOriginals) {
            nativeFloor = StreamIds.compare(id, nativeFloor) < 0 ? id : nativeFloor;
        }
        Handled handled = new Handled(handledUpTo, pendingIds, copiedUpTo, unhandledOriginals);
        return scanTarget(stream, target, sourceOrigin, handled, nativeFloor);
    }

    private static void noteOriginal(StreamMessage<String, String> entry, String targetOrigin, Set<String> originals) {
        if (targetOrigin.equals(entry.getBody().get(MirrorFields.ORIGIN))) {
            originals.add(entry.getBody().get(MirrorFields.SOURCE_ID));
        }
    }

    /**
     * What the engine handled, told from the other side's entries: a copy of an entry up to
     * {@code upTo} and not pending; an original copied over (up to {@code copiedUpTo}) whose copy
     * is not among the {@code unhandledOriginals}.
     */
    private record Handled(String upTo, Set<String> pending, String copiedUpTo, Set<String> unhandledOriginals) {

        boolean copy(String sourceId) {
            return StreamIds.compare(sourceId, upTo) <= 0 && !pending.contains(sourceId);
        }

        /** Whether every copy of an entry before this one was handled (the handled copies' prefix). */
        boolean belowPending(String sourceId) {
            return pending.stream().allMatch(p -> StreamIds.compare(sourceId, p) < 0);
        }

        boolean original(String id) {
            return copiedUpTo != null && StreamIds.compare(id, copiedUpTo) <= 0 && !unhandledOriginals.contains(id);
        }
    }

    private static Lane scanTarget(
            String stream,
            RedisCommands<String, String> target,
            String sourceOrigin,
            Handled handled,
            String nativeFloor) {
        String newest = null;
        String earliestUnhandled = null;
        long handledSeen = 0;
        long overlap = 0;
        long unhandled = 0;
        boolean handledCopySeen = false;
        String cursor = "+";
        int scanned = 0;
        scan:
        while (true) {
            List<StreamMessage<String, String>> page =
                    target.xrevrange(stream, Range.create("-", cursor), Limit.from(PAGE));
            for (StreamMessage<String, String> entry : page) {
                if (entry.getId().equals(cursor)) {
                    continue;
                }
                String id = entry.getId();
                newest = newest == null ? id : newest;
                if (handledCopySeen && StreamIds.compare(id, nativeFloor) < 0) {
                    break scan; // everything earlier was handled: copies and originals are each a handled prefix
                }
                String origin = entry.getBody().get(MirrorFields.ORIGIN);
                boolean wasHandled;
                if (sourceOrigin.equals(origin)) {
                    String sourceId = entry.getBody().get(MirrorFields.SOURCE_ID);
                    wasHandled = handled.copy(sourceId);
                    handledCopySeen |= wasHandled && handled.belowPending(sourceId);
                } else {
                    wasHandled = handled.original(id);
                }
                if (wasHandled) {
                    handledSeen++;
                } else {
                    unhandled++;
                    earliestUnhandled = id;
                    overlap = handledSeen;
                }
            }
            scanned += page.size();
            if (page.size() < PAGE) {
                break;
            }
            cursor = page.get(page.size() - 1).getId();
            requireBounded(scanned, stream);
        }
        String startsAt =
                earliestUnhandled != null ? StreamIds.before(earliestUnhandled) : newest != null ? newest : "0-0";
        return new Lane(stream, handled.upTo(), startsAt, handled.pending().size(), overlap, unhandled);
    }

    private static void requireBounded(int scanned, String stream) {
        if (scanned > MAX_SCAN) {
            throw new IllegalStateException("stream " + stream + ": more than " + MAX_SCAN
                    + " entries to scan to translate a group position; is the bridge running and caught up?");
        }
    }

    private static void apply(
            String engine,
            Lane lane,
            RedisCommands<String, String> source,
            RedisCommands<String, String> target,
            String groupsHash) {
        if (target.exists(lane.stream()) > 0
                && GroupInfo.fromXinfoGroups(target.xinfoGroups(lane.stream())).stream()
                        .anyMatch(g -> g.name().equals(engine))) {
            target.xgroupDestroy(lane.stream(), engine);
        }
        target.xgroupCreate(
                XReadArgs.StreamOffset.from(lane.stream(), lane.startsAt()),
                engine,
                new XGroupCreateArgs().mkstream(true));
        target.hset(groupsHash, lane.stream(), lane.startsAt());
        if (!lane.leftAt().equals("none")) {
            source.xgroupDestroy(lane.stream(), engine);
        }
    }
}
