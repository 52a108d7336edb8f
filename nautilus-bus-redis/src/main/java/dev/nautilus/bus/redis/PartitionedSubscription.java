package dev.nautilus.bus.redis;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageHandler;
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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's share of a group's partitions of one bus, coordinated with the group's other
 * consumers on the bus's Redis ({@link PartitionLeases}), the way Kafka's group coordinator
 * assigns partitions. A coordinating thread, every {@link LeaseSettings#renewEvery()}:
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
 */
final class PartitionedSubscription implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionedSubscription.class);

    /** A partition this consumer holds: its lease and, once its state is rebuilt, its reader. */
    private static final class Owned {
        final PartitionLease lease;
        final Optional<PartitionCheckpointer> checkpointer;
        Thread starter;
        ConsumerGroupReader reader;
        boolean stopped;

        Owned(PartitionLease lease, Optional<PartitionCheckpointer> checkpointer) {
            this.lease = lease;
            this.checkpointer = checkpointer;
        }
    }

    private final SubscriptionSpec spec;
    private final MessageHandler handler;
    /** The handler's per-key state, when it can move with its partitions by checkpoints. */
    private final Optional<PartitionedState> state;

    private final int count;
    private final RedisTransport transport;
    private final StreamLanes lanes;
    private final PartitionLeases leases;
    private final LeaseSettings settings;
    private final PartitionRestore restore;
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
        this.spec = spec;
        this.handler = handler;
        this.state = PartitionedState.of(handler);
        this.count = count;
        this.transport = transport;
        this.lanes = lanes;
        this.settings = settings;
        this.leases = new PartitionLeases(
                transport.connections(),
                transport.routing().prefix(),
                transport.bus(),
                spec.group(),
                count,
                transport.config().cluster(),
                settings);
        this.restore = new PartitionRestore(
                transport, leases, spec.group(), spec.consumer(), spec.compiledPatterns(), handler);
        this.coordinator = Thread.ofPlatform()
                .daemon(true)
                .name("nautilus-" + transport.bus().key() + "-" + spec.group() + "-" + spec.consumer() + "-partitions")
                .unstarted(this::coordinate);
    }

    /** Joins the group's members (failing fast when Redis does not answer) and starts coordinating. */
    void start() {
        leases.heartbeat(spec.consumer());
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
                        transport.bus().displayName(),
                        ConnectionHealth.describe(e));
            }
            long next = roundStart + settings.renewEvery().toNanos();
            while (running && System.nanoTime() - next < 0) {
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
    }

    private void round(long sent) {
        List<String> members = leases.heartbeat(spec.consumer());
        Set<Integer> target = assignment(members);
        long usableUntil =
                sent + settings.leaseTime().toNanos() - settings.margin().toNanos();
        // Renewals first: giving a partition up waits for its reader, which must not let the others' leases run out.
        List<Integer> giveUp = new ArrayList<>();
        for (Integer n : new ArrayList<>(owned.keySet())) {
            Owned partition = owned.get(n);
            if (partition.lease.revokedBecause() != null) {
                drop(n, partition.lease.revokedBecause());
            } else if (!target.contains(n)) {
                giveUp.add(n);
            } else if (leases.renew(n, spec.consumer(), partition.lease.epoch())) {
                partition.lease.renewed(usableUntil);
            } else {
                drop(n, "its lease was taken over");
            }
        }
        giveUp.forEach(this::release);
        for (int n : target) {
            if (!owned.containsKey(n)) {
                long epoch = leases.acquire(n, spec.consumer());
                if (epoch > 0) {
                    take(n, epoch, usableUntil);
                }
            }
        }
        held = Set.copyOf(owned.keySet());
    }

    /** The partitions of this consumer among {@code members}: {@code n mod m}-th member in name order. */
    private Set<Integer> assignment(List<String> members) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(members));
        int me = sorted.indexOf(spec.consumer());
        Set<Integer> mine = new TreeSet<>();
        if (me < 0) {
            return mine;
        }
        for (int n = 0; n < leases.count(); n++) {
            if (n % sorted.size() == me) {
                mine.add(n);
            }
        }
        return mine;
    }

    private void take(int n, long epoch, long usableUntil) {
        PartitionLease lease = new PartitionLease(spec.group(), n, epoch, spec.consumer(), usableUntil);
        Owned partition = new Owned(
                lease,
                state.map(st -> new PartitionCheckpointer(
                        st,
                        lease,
                        count,
                        () -> transport.barrier().confirmed(),
                        transport.config().commandTimeout())));
        owned.put(n, partition);
        takeovers.incrementAndGet();
        LOG.info(
                "{} took partition {} of group {} on the {} bus at epoch {}",
                spec.consumer(),
                n,
                spec.group(),
                transport.bus().displayName(),
                epoch);
        partition.starter = Thread.ofPlatform()
                .daemon(true)
                .name("nautilus-" + transport.bus().key() + "-" + spec.group() + "-p" + n + "-start")
                .start(() -> startReader(partition));
    }

    /** Rebuilds the partition's state, then starts its reader; on the partition's own thread. */
    private void startReader(Owned partition) {
        PartitionLease lease = partition.lease;
        int n = lease.partition();
        List<String> partitionLanes =
                new ArrayList<>(lanes.partitionLanes(spec.types(), n).keySet());
        String anyLane = partitionLanes.get(0);
        List<String> readLanes = new ArrayList<>(partitionLanes);
        String replayLane = transport.groupKey("replay", spec.group(), anyLane);
        readLanes.add(replayLane);
        StreamOperations streams = null;
        try {
            Optional<PartitionCheckpointer> checkpointer = partition.checkpointer;
            streams = new FencedStreamOperations(
                    transport.streamOperations(spec.group(), readLanes), leases, lease, (lane, id) -> {
                        acknowledged(lane, id);
                        checkpointer.ifPresent(c -> c.acknowledged(lane, id));
                    });
            String fresh = transport.config().newGroupsFrom() == RedisBusConfig.GroupStart.NEW_MESSAGES ? "$" : "0";
            streams.createGroups(spec.group(), partitionLanes, fresh);
            replayed.addAndGet(restore.restore(lease, partitionLanes, acknowledgedUpTo, streams, checkpointer));
            ConsumerGroupReader reader = new ConsumerGroupReader(
                    spec,
                    lease.gate(
                            handler,
                            checkpointer.<Consumer<Message>>map(c -> c::handled).orElse(m -> {})),
                    transport,
                    readLanes,
                    replayLane,
                    streams,
                    transport.groupKey("groups", spec.group(), anyLane));
            synchronized (partition) {
                if (partition.stopped || !lease.usable()) {
                    streams.close();
                    return;
                }
                partition.reader = reader;
                synchronized (groupCreation) {
                    reader.start();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "{} could not start partition {} of group {}: {}",
                    spec.consumer(),
                    n,
                    spec.group(),
                    ConnectionHealth.describe(e));
            lease.revoke("its reader could not start: " + ConnectionHealth.describe(e));
            if (streams != null) {
                streams.close();
            }
        }
    }

    private void acknowledged(String lane, String id) {
        acknowledgedUpTo.merge(lane, id, (a, b) -> GroupPositions.compare(a, b) >= 0 ? a : b);
    }

    /** Stops the partition's reader (which acknowledges what it handled first, while the lease holds). */
    private void stopReader(Owned partition) {
        try {
            partition.starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ConsumerGroupReader reader;
        synchronized (partition) {
            partition.stopped = true;
            reader = partition.reader;
        }
        if (reader != null) {
            reader.close();
        }
    }

    private void release(int n) {
        Owned partition = owned.remove(n);
        stopReader(partition);
        // its reader stopped and acknowledged what it handled: the next owner replays nothing
        partition.checkpointer.ifPresent(PartitionCheckpointer::checkpoint);
        partition.lease.revoke("released");
        leases.release(n, spec.consumer(), partition.lease.epoch());
        releases.incrementAndGet();
        LOG.info("{} released partition {} of group {}", spec.consumer(), n, spec.group());
    }

    private void drop(int n, String reason) {
        Owned partition = owned.remove(n);
        partition.lease.revoke(reason);
        stopReader(partition);
        drops.incrementAndGet();
        LOG.warn("{} dropped partition {} of group {}: {}", spec.consumer(), n, spec.group(), reason);
    }

    /** The partitions this consumer holds now. */
    Set<Integer> held() {
        return held;
    }

    /** Partitions taken, released and dropped by this consumer, and messages replayed to rebuild state. */
    long[] counts() {
        return new long[] {takeovers.get(), releases.get(), drops.get(), replayed.get()};
    }

    /** Every partition of the group as Redis records it, with the group's lag on its lanes. */
    List<PartitionStatus> status() {
        return PartitionStatusReader.read(transport, leases, spec, lanes);
    }

    @Override
    public SubscriptionSpec spec() {
        return spec;
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
        transport.removePartitioned(this);
        for (Integer n : new ArrayList<>(owned.keySet())) {
            try {
                release(n);
            } catch (RuntimeException e) {
                LOG.warn("{} could not release partition {}: {}", spec.consumer(), n, ConnectionHealth.describe(e));
            }
        }
        try {
            leases.leave(spec.consumer());
        } catch (RuntimeException e) {
            LOG.warn("{} could not leave group {}: {}", spec.consumer(), spec.group(), ConnectionHealth.describe(e));
        }
        held = Set.of();
    }

    /**
     * Stops as a crash would: from now on nothing is handled, acknowledged, renewed or released; the
     * readers are closed. The partitions move once their leases expire. For fault tests.
     */
    void halt() {
        // At once, as a crash: nothing is handled or acknowledged from here on.
        owned.values().forEach(partition -> partition.lease.revoke("halted"));
        if (!stopCoordinating()) {
            return;
        }
        // Again, for a partition the coordinator took meanwhile.
        List<Owned> partitions = List.copyOf(owned.values());
        partitions.forEach(partition -> partition.lease.revoke("halted"));
        owned.clear();
        transport.removePartitioned(this);
        held = Set.of();
        // The readers go in the background, as a dead process's connections would.
        Thread.ofPlatform().daemon(true).start(() -> partitions.forEach(this::stopReader));
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
                        .plus(transport.config().commandTimeout())
                        .toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return true;
    }
}
