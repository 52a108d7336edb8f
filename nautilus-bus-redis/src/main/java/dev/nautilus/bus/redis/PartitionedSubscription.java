package dev.nautilus.bus.redis;

import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.PartitionCheckpoint;
import dev.nautilus.bus.PartitionedState;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.redis.partition.LeaseSettings;
import dev.nautilus.bus.redis.partition.PartitionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's share of a group's partitions, coordinated with the group's other consumers on
 * the bus's Redis ({@link PartitionLeases}), the way Kafka's group coordinator assigns partitions.
 * A coordinating thread, every {@link LeaseSettings#renewEvery()}:
 *
 * <ol>
 *   <li>renews this consumer's membership and learns the live members;</li>
 *   <li>computes the assignment, the same on every member: partition {@code n} belongs to the
 *       {@code n mod m}-th of the {@code m} live members in name order, so each holds
 *       {@code P/m} (rounded) and a new member gets its share;</li>
 *   <li>gives up the partitions no longer its own gracefully: their reader finishes the message in
 *       hand and acknowledges what it handled, then the lease is released;</li>
 *   <li>renews the leases it keeps, and drops at once a partition whose lease is not its own any
 *       more (taken over after it expired): nothing is acknowledged or handled under it again;</li>
 *   <li>takes the partitions assigned to it that are free (released, or their lease expired): the
 *       epoch is incremented, the engine's state for the partition is rebuilt
 *       ({@link PartitionRestore}) and a {@link ConsumerGroupReader} of the partition's lanes
 *       starts, whose acknowledgements are fenced by the epoch ({@link FencedStreamOperations}).</li>
 * </ol>
 *
 * <p>Each partition has its own reader, connection and lanes, so order holds within a partition
 * and its urgent lanes still overtake its normal lane. The handler is called one message at a time
 * over all of them.
 *
 * <p><b>Across both buses.</b> A group that reads partitioned types on both buses (Strategy: bars
 * and VPIN results, joined per instrument) holds partition {@code n} of both as one unit: one
 * {@link Side} per bus, the assignment computed on the first, and a partition taken only once its
 * lease on every side is acquired (else the ones acquired are released again and it is tried at the
 * next round), rebuilt on every side before any of its readers starts, and given up or dropped on
 * every side together. Each side's acknowledgements are fenced by that side's own lease, on its own
 * Redis; a checkpoint covers the lanes of every side and is taken under the leader's epoch.
 */
final class PartitionedSubscription implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionedSubscription.class);

    /** One bus's part of the group's partitions: its transport, its types' lanes, leases and restore. */
    record Side(
            RedisTransport transport,
            SubscriptionSpec spec,
            StreamLanes lanes,
            PartitionLeases leases,
            PartitionRestore restore) {

        static Side of(
                RedisTransport transport,
                SubscriptionSpec spec,
                StreamLanes lanes,
                int count,
                LeaseSettings settings,
                MessageHandler handler) {
            PartitionLeases leases = new PartitionLeases(
                    transport.connections(),
                    transport.routing().prefix(),
                    transport.bus(),
                    spec.group(),
                    count,
                    transport.config().cluster(),
                    settings);
            return new Side(
                    transport,
                    spec,
                    lanes,
                    leases,
                    new PartitionRestore(
                            transport, leases, spec.group(), spec.consumer(), spec.compiledPatterns(), handler));
        }
    }

    /** What {@link PartitionedSubscription} needs of one bus. */
    record Part(RedisTransport transport, SubscriptionSpec spec, StreamLanes lanes) {}

    /** A partition this consumer holds: its lease on every side and, once its state is rebuilt, their readers. */
    private static final class Owned {
        final List<PartitionLease> leases;
        /**
         * Held while one of the partition's readers hands a message on and the checkpointer hears of
         * it, and while a checkpoint captures the keys: with two sides, the other side's reader must
         * not have handled a message the capture includes that the checkpoint does not list.
         */
        final Object handling;

        final Optional<PartitionCheckpointer> checkpointer;
        Thread starter;
        List<ConsumerGroupReader> readers = List.of();
        boolean stopped;

        Owned(List<PartitionLease> leases, Object handling, Optional<PartitionCheckpointer> checkpointer) {
            this.leases = leases;
            this.handling = handling;
            this.checkpointer = checkpointer;
        }

        /** Why the lease of one side was revoked, or null while every side's holds. */
        String revokedBecause() {
            for (PartitionLease lease : leases) {
                if (lease.revokedBecause() != null) {
                    return lease.revokedBecause();
                }
            }
            return null;
        }

        void revoke(String reason) {
            leases.forEach(lease -> lease.revoke(reason));
        }

        boolean usable() {
            return PartitionLease.allUsable(leases);
        }
    }

    private final SubscriptionSpec spec;
    private final MessageHandler handler;
    /** The handler's per-key state, when it can move with its partitions by checkpoints. */
    private final Optional<PartitionedState> state;

    private final int count;
    private final List<Side> sides;
    /** The side whose members decide the assignment, whose epoch orders the checkpoints. */
    private final Side leader;

    private final LeaseSettings settings;
    private final Map<Integer, Owned> owned = new ConcurrentHashMap<>();
    /** The last id this consumer acknowledged on each lane: its engine's state holds all up to there. */
    private final Map<String, String> acknowledgedUpTo = new ConcurrentHashMap<>();

    private final Thread coordinator;
    private volatile boolean running = true;
    private final AtomicLong takeovers = new AtomicLong();
    private final AtomicLong releases = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    /**
     * Held while a partition's reader creates its groups: the partitions of one group share its
     * replay lane, and two starting at once would both find its group missing, the second
     * creation then failing with {@code BUSYGROUP} (a failed call in {@code INFO commandstats}).
     */
    private final Object groupCreation = new Object();

    private volatile Set<Integer> held = Set.of();

    /**
     * One bus's partitioned types.
     *
     * @param spec    the subscription, its types all partitioned into {@code count}
     * @param handler called one message at a time (serialised by the caller)
     */
    PartitionedSubscription(
            SubscriptionSpec spec,
            MessageHandler handler,
            RedisTransport transport,
            StreamLanes lanes,
            int count,
            LeaseSettings settings) {
        this(spec, handler, List.of(new Part(transport, spec, lanes)), count, settings);
    }

    /**
     * The partitioned types of several buses, partition {@code n} of all of them held as one.
     *
     * @param spec    the whole subscription (every part's types)
     * @param handler called one message at a time over every part (serialised by the caller)
     * @param parts   each bus's transport and types, the first deciding the assignment
     * @param count   the partition count of every part's types
     */
    PartitionedSubscription(
            SubscriptionSpec spec, MessageHandler handler, List<Part> parts, int count, LeaseSettings settings) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a partitioned subscription of group " + spec.group() + " needs a bus");
        }
        this.spec = spec;
        this.handler = handler;
        this.state = PartitionedState.of(handler);
        this.count = count;
        this.settings = settings;
        List<Side> all = new ArrayList<>(parts.size());
        for (Part part : parts) {
            all.add(Side.of(part.transport(), part.spec(), part.lanes(), count, settings, handler));
        }
        this.sides = List.copyOf(all);
        this.leader = sides.get(0);
        this.coordinator = Thread.ofPlatform()
                .daemon(true)
                .name("nautilus-" + leader.transport().bus().key() + "-" + spec.group() + "-" + spec.consumer()
                        + "-partitions")
                .unstarted(this::coordinate);
    }

    /** Joins the group's members (failing fast when Redis does not answer) and starts coordinating. */
    void start() {
        sides.forEach(side -> side.leases().heartbeat(spec.consumer()));
        coordinator.start();
    }

    private void coordinate() {
        while (running) {
            long roundStart = System.nanoTime();
            try {
                round(roundStart);
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warn(
                        "partition coordination of {} in group {} on the {} bus failed: {}",
                        spec.consumer(),
                        spec.group(),
                        buses(),
                        ConnectionHealth.describe(e));
            }
            long next = roundStart + settings.renewEvery().toNanos();
            while (running && System.nanoTime() - next < 0) {
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
    }

    private void round(long sent) {
        List<String> members = leader.leases().heartbeat(spec.consumer());
        for (Side side : sides.subList(1, sides.size())) {
            side.leases().heartbeat(spec.consumer());
        }
        Set<Integer> target = assignment(members);
        long usableUntil =
                sent + settings.leaseTime().toNanos() - settings.margin().toNanos();
        // Renewals first: giving a partition up waits for its reader, which must not let the others' leases run out.
        List<Integer> giveUp = new ArrayList<>();
        for (Integer n : new ArrayList<>(owned.keySet())) {
            Owned partition = owned.get(n);
            if (partition.revokedBecause() != null) {
                drop(n, partition.revokedBecause());
            } else if (!target.contains(n)) {
                giveUp.add(n);
            } else if (renewEverySide(n, partition)) {
                partition.leases.forEach(lease -> lease.renewed(usableUntil));
            } else {
                drop(n, "its lease was taken over");
            }
        }
        giveUp.forEach(this::release);
        for (int n : target) {
            if (!owned.containsKey(n)) {
                List<PartitionLease> leases = acquireEverySide(n, usableUntil);
                if (!leases.isEmpty()) {
                    take(n, leases);
                }
            }
        }
        held = Set.copyOf(owned.keySet());
    }

    private boolean renewEverySide(int n, Owned partition) {
        for (int i = 0; i < sides.size(); i++) {
            if (!sides.get(i)
                    .leases()
                    .renew(n, spec.consumer(), partition.leases.get(i).epoch())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Partition {@code n}'s lease on every side, or none: a side still held by its previous owner
     * (giving it up a moment after another side) releases the ones acquired, for the next round.
     */
    private List<PartitionLease> acquireEverySide(int n, long usableUntil) {
        List<PartitionLease> acquired = new ArrayList<>(sides.size());
        for (Side side : sides) {
            long epoch = side.leases().acquire(n, spec.consumer());
            if (epoch <= 0) {
                releaseSides(n, acquired);
                return List.of();
            }
            acquired.add(new PartitionLease(spec.group(), n, epoch, spec.consumer(), usableUntil));
        }
        return acquired;
    }

    /** Releases partition {@code n} on the first sides, one per lease of {@code leases}. */
    private void releaseSides(int n, List<PartitionLease> leases) {
        for (int i = 0; i < leases.size(); i++) {
            sides.get(i).leases().release(n, spec.consumer(), leases.get(i).epoch());
        }
    }

    /** The partitions of this consumer among {@code members}: {@code n mod m}-th member in name order. */
    private Set<Integer> assignment(List<String> members) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(members));
        int me = sorted.indexOf(spec.consumer());
        Set<Integer> mine = new TreeSet<>();
        if (me < 0) {
            return mine;
        }
        for (int n = 0; n < count; n++) {
            if (n % sorted.size() == me) {
                mine.add(n);
            }
        }
        return mine;
    }

    private void take(int n, List<PartitionLease> leases) {
        Object handling = new Object();
        Owned partition = new Owned(
                leases,
                handling,
                state.map(st -> new PartitionCheckpointer(
                        st,
                        leases,
                        count,
                        () -> leader.transport().barrier().confirmed(),
                        leader.transport().config().commandTimeout(),
                        handling)));
        owned.put(n, partition);
        takeovers.incrementAndGet();
        LOG.info(
                "{} took partition {} of group {} on the {} bus at epoch {}",
                spec.consumer(),
                n,
                spec.group(),
                buses(),
                leases.stream().map(l -> Long.toString(l.epoch())).collect(Collectors.joining("/")));
        partition.starter = Thread.ofPlatform()
                .daemon(true)
                .name("nautilus-" + leader.transport().bus().key() + "-" + spec.group() + "-p" + n + "-start")
                .start(() -> startReaders(partition));
    }

    /** Rebuilds the partition's state on every side, then starts their readers; on the partition's own thread. */
    private void startReaders(Owned partition) {
        int n = partition.leases.get(0).partition();
        List<StreamOperations> opened = new ArrayList<>(sides.size());
        try {
            Optional<PartitionCheckpointer> checkpointer = partition.checkpointer;
            Optional<PartitionCheckpoint> checkpoint = checkpointer.flatMap(c -> c.restoreKeys(spec.group()));
            List<ConsumerGroupReader> readers = new ArrayList<>(sides.size());
            for (int i = 0; i < sides.size(); i++) {
                Side side = sides.get(i);
                PartitionLease lease = partition.leases.get(i);
                RedisTransport transport = side.transport();
                List<String> partitionLanes = new ArrayList<>(
                        side.lanes().partitionLanes(side.spec().types(), n).keySet());
                String anyLane = partitionLanes.get(0);
                List<String> readLanes = new ArrayList<>(partitionLanes);
                String replayLane = transport.groupKey("replay", spec.group(), anyLane);
                readLanes.add(replayLane);
                StreamOperations streams = new FencedStreamOperations(
                        transport.streamOperations(spec.group(), readLanes), side.leases(), lease, (lane, id) -> {
                            acknowledged(lane, id);
                            checkpointer.ifPresent(c -> c.acknowledged(lane, id));
                        });
                opened.add(streams);
                String fresh = transport.config().newGroupsFrom() == RedisBusConfig.GroupStart.NEW_MESSAGES ? "$" : "0";
                streams.createGroups(spec.group(), partitionLanes, fresh);
                replayed.addAndGet(side.restore()
                        .restore(lease, partitionLanes, acknowledgedUpTo, streams, checkpointer, checkpoint));
                readers.add(new ConsumerGroupReader(
                        side.spec(),
                        lease.gate(recording(partition)),
                        transport,
                        readLanes,
                        replayLane,
                        streams,
                        transport.groupKey("groups", spec.group(), anyLane)));
            }
            synchronized (partition) {
                if (partition.stopped || !partition.usable()) {
                    opened.forEach(StreamOperations::close);
                    return;
                }
                partition.readers = List.copyOf(readers);
                synchronized (groupCreation) {
                    readers.forEach(ConsumerGroupReader::start);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "{} could not start partition {} of group {}: {}",
                    spec.consumer(),
                    n,
                    spec.group(),
                    ConnectionHealth.describe(e));
            partition.revoke("its reader could not start: " + ConnectionHealth.describe(e));
            opened.forEach(StreamOperations::close);
        }
    }

    /**
     * The handler as the partition's readers call it: with a checkpointer, it hears of each message
     * handled before another side's reader may go on, and checkpoints once that reader's turn ended.
     */
    private MessageHandler recording(Owned partition) {
        if (partition.checkpointer.isEmpty()) {
            return handler;
        }
        PartitionCheckpointer checkpointer = partition.checkpointer.get();
        return message -> {
            boolean due;
            synchronized (partition.handling) {
                handler.onMessage(message);
                due = checkpointer.handled(message);
            }
            if (due) {
                checkpointer.checkpointIfDue();
            }
        };
    }

    private void acknowledged(String lane, String id) {
        acknowledgedUpTo.merge(lane, id, (a, b) -> GroupPositions.compare(a, b) >= 0 ? a : b);
    }

    /** Stops the partition's readers (which acknowledge what they handled first, while the leases hold). */
    private void stopReaders(Owned partition) {
        try {
            partition.starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ConsumerGroupReader> readers;
        synchronized (partition) {
            partition.stopped = true;
            readers = partition.readers;
        }
        readers.forEach(ConsumerGroupReader::close);
    }

    private void release(int n) {
        Owned partition = owned.remove(n);
        stopReaders(partition);
        // its readers stopped and acknowledged what they handled: the next owner replays nothing
        partition.checkpointer.ifPresent(PartitionCheckpointer::checkpoint);
        partition.revoke("released");
        releaseSides(n, partition.leases);
        releases.incrementAndGet();
        LOG.info("{} released partition {} of group {}", spec.consumer(), n, spec.group());
    }

    private void drop(int n, String reason) {
        Owned partition = owned.remove(n);
        partition.revoke(reason);
        stopReaders(partition);
        drops.incrementAndGet();
        LOG.warn("{} dropped partition {} of group {}: {}", spec.consumer(), n, spec.group(), reason);
    }

    private String buses() {
        return sides.stream().map(side -> side.transport().bus().displayName()).collect(Collectors.joining(" and "));
    }

    /** The partitions this consumer holds now. */
    Set<Integer> held() {
        return held;
    }

    /** Partitions taken, released and dropped by this consumer, and messages replayed to rebuild state. */
    long[] counts() {
        return new long[] {takeovers.get(), releases.get(), drops.get(), replayed.get()};
    }

    /** Every partition of the group on {@code transport}'s bus as its Redis records them, with the group's lag there. */
    List<PartitionStatus> status(RedisTransport transport) {
        return sideOf(transport)
                .map(side -> PartitionStatusReader.read(transport, side.leases(), side.spec(), side.lanes()))
                .orElse(List.of());
    }

    @Override
    public SubscriptionSpec spec() {
        return spec;
    }

    /** This subscription's part of {@code transport}'s bus: the types it reads there. */
    SubscriptionSpec spec(RedisTransport transport) {
        return sideOf(transport).map(Side::spec).orElse(spec);
    }

    private Optional<Side> sideOf(RedisTransport transport) {
        return sides.stream().filter(side -> side.transport() == transport).findFirst();
    }

    /**
     * Stops gracefully: every partition's reader acknowledges what it handled, the leases are
     * released and the membership ended, so the other members take the partitions at once.
     */
    @Override
    public void close() {
        if (!stopCoordinating()) {
            return;
        }
        sides.forEach(side -> side.transport().removePartitioned(this));
        for (Integer n : new ArrayList<>(owned.keySet())) {
            try {
                release(n);
            } catch (RuntimeException e) {
                LOG.warn("{} could not release partition {}: {}", spec.consumer(), n, ConnectionHealth.describe(e));
            }
        }
        for (Side side : sides) {
            try {
                side.leases().leave(spec.consumer());
            } catch (RuntimeException e) {
                LOG.warn(
                        "{} could not leave group {} on the {} bus: {}",
                        spec.consumer(),
                        spec.group(),
                        side.transport().bus().displayName(),
                        ConnectionHealth.describe(e));
            }
        }
        held = Set.of();
    }

    /**
     * Stops as a crash would: from now on nothing is handled, acknowledged, renewed or released; the
     * readers are closed. The partitions move once their leases expire. For fault tests.
     */
    void halt() {
        // At once, as a crash: nothing is handled or acknowledged from here on.
        owned.values().forEach(partition -> partition.revoke("halted"));
        if (!stopCoordinating()) {
            return;
        }
        // Again, for a partition the coordinator took meanwhile.
        List<Owned> partitions = List.copyOf(owned.values());
        partitions.forEach(partition -> partition.revoke("halted"));
        owned.clear();
        sides.forEach(side -> side.transport().removePartitioned(this));
        held = Set.of();
        // The readers go in the background, as a dead process's connections would.
        Thread.ofPlatform().daemon(true).start(() -> partitions.forEach(this::stopReaders));
    }

    private boolean stopCoordinating() {
        synchronized (this) {
            if (!running) {
                return false;
            }
            running = false;
        }
        LockSupport.unpark(coordinator);
        if (Thread.currentThread() != coordinator) {
            try {
                coordinator.join(TimeUnit.MILLISECONDS.toMillis(settings.renewEvery()
                        .plus(leader.transport().config().commandTimeout())
                        .toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return true;
    }
}
