package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.BusCounters;
import dev.nautilus.bus.BusTransport;
import dev.nautilus.bus.Closeables;
import dev.nautilus.bus.CompositeSubscription;
import dev.nautilus.bus.DeadLetter;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.PublishBarrier;
import dev.nautilus.bus.Redaction;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SerializedHandler;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.TransportStatus;
import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.redis.partition.LeaseSettings;
import dev.nautilus.bus.redis.partition.PartitionPlan;
import dev.nautilus.bus.redis.partition.PartitionStatus;
import dev.nautilus.bus.redis.resp.RespSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One bus on Redis Streams, a single Redis or a Redis Cluster: a {@link BatchingPublisher} on the
 * shared command connection, one {@link ConsumerGroupReader} per subscription on a connection of
 * its own (on a cluster, one per subscribed type, see {@link StreamLanes}), and the bus's
 * {@link DeadLetterStream}.
 */
public final class RedisTransport implements BusTransport {

    private final Bus bus;
    private final RoutingTable routing;
    private final StreamLanes lanes;
    private final RedisBusConfig config;
    private final EnvelopeCodec codec;
    private final BusCounters counters = new BusCounters();
    private final ConnectionHealth health;
    private final RedisConnections connections;
    private final BatchingPublisher publisher;
    private final DeadLetterStream deadLetters;
    private final List<ConsumerGroupReader> readers = new CopyOnWriteArrayList<>();
    private final LeaseSettings leaseSettings;
    private final List<PartitionedSubscription> partitioned = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** What readers await before acknowledging a batch: this transport's publishes, or both buses'. */
    private volatile PublishBarrier barrier = this::confirmed;

    /**
     * Connects to the bus's Redis. Connecting fails fast with a clear message when Redis cannot be
     * reached at start, or when its eviction policy can drop streams ({@link MemoryPolicy}); later
     * outages are survived (see {@link BatchingPublisher} and readers).
     */
    public RedisTransport(Bus bus, RoutingTable routing, RedisBusConfig config) {
        this(bus, routing, config, PartitionPlan.NONE, LeaseSettings.DEFAULT);
    }

    /**
     * A bus whose types in {@code partitions} are split into partitions (SPEC §1.9): their messages
     * go to the stream of their key's partition, and a subscription to them shares the partitions
     * with the group's other consumers under leases of {@code leases} (see
     * {@link PartitionedSubscription}).
     */
    public RedisTransport(
            Bus bus, RoutingTable routing, RedisBusConfig config, PartitionPlan partitions, LeaseSettings leases) {
        this.bus = bus;
        this.routing = routing;
        this.leaseSettings = leases;
        this.lanes = new StreamLanes(routing, config.cluster(), partitions);
        this.config = config;
        this.codec = new EnvelopeCodec(config.maxPayloadBytes());
        this.health = new ConnectionHealth(bus.displayName());
        try {
            this.connections = new RedisConnections(bus, config);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "cannot connect the " + bus.displayName() + " bus to " + Redaction.url(config.url()) + ": "
                            + ConnectionHealth.describe(e),
                    e);
        }
        try {
            MemoryPolicy.check(bus, connections, config.allowEvictingPolicy());
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
        this.deadLetters = new DeadLetterStream(bus, routing.deadLetterStream(bus), connections, config.streamMaxLen());
        this.publisher = new BatchingPublisher(bus, lanes, codec, connections, config, counters, health);
    }

    @Override
    public Bus bus() {
        return bus;
    }

    @Override
    public void publish(Message message) {
        publisher.publish(message);
    }

    @Override
    public CompletionStage<Void> confirmed() {
        return publisher.confirmed();
    }

    @Override
    public void acknowledgeAfter(PublishBarrier barrier) {
        this.barrier = barrier;
    }

    @Override
    public boolean partitioned(MessageType type) {
        return lanes.plan().partitioned(type);
    }

    PublishBarrier barrier() {
        return barrier;
    }

    @Override
    public synchronized Subscription subscribe(SubscriptionSpec spec, MessageHandler handler) {
        if (closed) {
            throw new IllegalStateException("the " + bus.displayName() + " bus is closed");
        }
        routing.requireAllOn(bus, spec.types());
        for (ConsumerGroupReader reader : readers) {
            if (reader.spec().group().equals(spec.group())
                    && reader.spec().consumer().equals(spec.consumer())) {
                throw new IllegalArgumentException("consumer '" + spec.consumer() + "' already subscribed in group '"
                        + spec.group() + "' on the " + bus.displayName() + " bus");
            }
        }
        Set<MessageType> partitionedTypes = EnumSet.noneOf(MessageType.class);
        spec.types().stream().filter(lanes.plan()::partitioned).forEach(partitionedTypes::add);
        OptionalInt partitionCount = lanes.plan().commonCount(partitionedTypes);
        Set<MessageType> plainTypes = EnumSet.copyOf(spec.types());
        plainTypes.removeAll(partitionedTypes);
        List<Map<String, Priority>> readGroups = plainTypes.isEmpty() ? List.of() : lanes.readGroups(plainTypes);
        // Several readers (one per type on a cluster, one per partition) still hand the engine one message at a time.
        MessageHandler serial =
                SerializedHandler.forFeeds(readGroups.size() + (partitionedTypes.isEmpty() ? 0 : 2), handler);
        List<Subscription> started = new ArrayList<>(readGroups.size() + 1);
        try {
            if (partitionCount.isPresent()) {
                PartitionedSubscription shares = new PartitionedSubscription(
                        spec.withTypes(partitionedTypes),
                        serial,
                        this,
                        lanes,
                        partitionCount.getAsInt(),
                        leaseSettings);
                shares.start();
                partitioned.add(shares);
                started.add(shares);
            }
            for (Map<String, Priority> group : readGroups) {
                String anyLane = group.keySet().iterator().next();
                // The group's replay lane is read with its lanes, last: replays come to it alone.
                List<String> readLanes = new ArrayList<>(group.keySet());
                String replayLane = groupKey("replay", spec.group(), anyLane);
                readLanes.add(replayLane);
                ConsumerGroupReader reader = new ConsumerGroupReader(
                        spec,
                        serial,
                        this,
                        readLanes,
                        replayLane,
                        streamOperations(spec.group(), readLanes),
                        groupKey("groups", spec.group(), anyLane));
                reader.start();
                readers.add(reader);
                started.add(reader);
            }
        } catch (RuntimeException e) {
            throw Closeables.closeEachAfter(e, started, Subscription::close);
        }
        return CompositeSubscription.of(spec, started);
    }

    /**
     * The stream commands of one reader: its own blocking connection to the Redis (on a cluster,
     * the node) that holds {@code lanes}, and the shared command connection.
     */
    StreamOperations streamOperations(String engine, Collection<String> readLanes) {
        // A read waits up to BLOCK on the server, then the reply may take the command timeout.
        RespSocket socket = connections.readerSocket(
                engine, readLanes, config.blockTimeout().plus(config.commandTimeout()), codec.limits());
        return new RedisStreamOperations(connections, socket, deadLetters, health, bus.displayName());
    }

    /**
     * A key of one group's own on this bus, {@code <prefix>:<bus>:<kind>:<group>}: its state hash
     * ({@code groups}, see {@link GroupPositions}) or its replay lane ({@code replay}). On a cluster
     * the hash tag of {@code lane} follows, so that the key lives on the node of the lanes it goes
     * with (and one read or pipeline may touch them together).
     */
    String groupKey(String kind, String group, String lane) {
        String key = groupKey(routing, bus, kind, group);
        int tag = lane.indexOf('{');
        return config.cluster() && tag >= 0 ? key + ":" + lane.substring(tag, lane.indexOf('}', tag) + 1) : key;
    }

    /** A group's own key of {@code kind} on a single Redis: {@code <prefix>:<bus>:<kind>:<group>}. */
    static String groupKey(RoutingTable routing, Bus bus, String kind, String group) {
        return routing.prefix() + ":" + bus.key() + ":" + kind + ":" + group;
    }

    void removeReader(ConsumerGroupReader reader) {
        readers.remove(reader);
    }

    void removePartitioned(PartitionedSubscription subscription) {
        partitioned.remove(subscription);
    }

    /**
     * Subscribes {@code spec}, whose partitioned types lie on this bus and on {@code others}'
     * (one transport per other bus), holding partition {@code n} of all of them as one unit
     * ({@link PartitionedSubscription}, its assignment decided on this bus); each bus's other types
     * are read as usual. Empty when fewer than two buses have partitioned types among {@code spec}'s:
     * each transport then takes its own part.
     *
     * @throws IllegalArgumentException when the buses' partitioned types differ in partition count
     */
    Optional<Subscription> subscribeSpanning(
            List<RedisTransport> others, SubscriptionSpec spec, MessageHandler handler) {
        List<RedisTransport> all = new ArrayList<>(others.size() + 1);
        all.add(this);
        all.addAll(others);
        List<PartitionedSubscription.Part> parts = new ArrayList<>();
        Map<RedisTransport, Set<MessageType>> plain = new LinkedHashMap<>();
        Set<MessageType> partitionedTypes = EnumSet.noneOf(MessageType.class);
        OptionalInt count = OptionalInt.empty();
        for (RedisTransport transport : all) {
            Set<MessageType> onBus = EnumSet.noneOf(MessageType.class);
            spec.types().stream().filter(t -> routing.busOf(t) == transport.bus).forEach(onBus::add);
            Set<MessageType> split = EnumSet.noneOf(MessageType.class);
            onBus.stream().filter(transport.lanes.plan()::partitioned).forEach(split::add);
            onBus.removeAll(split);
            if (!onBus.isEmpty()) {
                plain.put(transport, onBus);
            }
            if (split.isEmpty()) {
                continue;
            }
            int here = transport.lanes.plan().commonCount(split).orElseThrow();
            if (count.isPresent() && count.getAsInt() != here) {
                throw new IllegalArgumentException("group '" + spec.group() + "' reads partitioned types on two buses "
                        + "with " + count.getAsInt() + " and " + here + " partitions: partition n of both is held as "
                        + "one, so they must have the same count");
            }
            count = OptionalInt.of(here);
            partitionedTypes.addAll(split);
            parts.add(new PartitionedSubscription.Part(transport, spec.withTypes(split), transport.lanes));
        }
        if (parts.size() < 2) {
            return Optional.empty();
        }
        for (RedisTransport transport : all) {
            synchronized (transport) {
                if (transport.closed) {
                    throw new IllegalStateException("the " + transport.bus.displayName() + " bus is closed");
                }
            }
        }
        List<Subscription> started = new ArrayList<>();
        try {
            PartitionedSubscription shares = new PartitionedSubscription(
                    spec.withTypes(partitionedTypes), handler, parts, count.getAsInt(), leaseSettings);
            shares.start();
            parts.forEach(part -> part.transport().partitioned.add(shares));
            started.add(shares);
            for (Map.Entry<RedisTransport, Set<MessageType>> other : plain.entrySet()) {
                started.add(other.getKey().subscribe(spec.withTypes(other.getValue()), handler));
            }
        } catch (RuntimeException e) {
            throw Closeables.closeEachAfter(e, started, Subscription::close);
        }
        return Optional.of(CompositeSubscription.of(spec, started));
    }

    @Override
    public List<SubscriptionSpec> subscriptions() {
        List<SubscriptionSpec> specs = new ArrayList<>();
        readers.forEach(r -> specs.add(r.spec()));
        partitioned.forEach(p -> specs.add(p.spec(this)));
        return specs.stream().distinct().toList();
    }

    /**
     * The partitions of every partitioned subscription of this process on this bus, as the bus's
     * Redis records them (owner, epoch, rebalances, lag): one list per group, groups in subscription
     * order, each group once.
     */
    public List<PartitionStatus> partitions() {
        List<PartitionStatus> all = new ArrayList<>();
        Set<String> groups = new java.util.HashSet<>();
        for (PartitionedSubscription subscription : partitioned) {
            if (groups.add(subscription.spec().group())) {
                all.addAll(subscription.status(this));
            }
        }
        return all;
    }

    /** The partitions each partitioned subscription of this process holds now, by {@code group/consumer}. */
    public Map<String, Set<Integer>> heldPartitions() {
        Map<String, Set<Integer>> held = new java.util.LinkedHashMap<>();
        partitioned.forEach(p -> held.put(p.spec().group() + "/" + p.spec().consumer(), p.held()));
        return held;
    }

    /**
     * Stops this bus's partitioned subscriptions as a crash would: nothing more is handled,
     * acknowledged, renewed or released, so their partitions move only when the leases expire. For
     * fault tests of failover; the transport stays usable for publishing.
     */
    public void haltPartitionsAsIfCrashed() {
        List.copyOf(partitioned).forEach(PartitionedSubscription::halt);
    }

    @Override
    public TransportStatus status() {
        boolean connected = !closed && connections.isOpen() && !health.failing();
        return counters.snapshot(
                bus, "redis", connections.endpoint(), connected, publisher.queued(), health.lastError());
    }

    /**
     * The stream that carries {@code type}'s normal-priority messages on this bus: the routing
     * table's key on a single Redis, hash-tagged by type on a cluster (see {@link StreamLanes}).
     */
    public String streamOf(MessageType type) {
        return lanes.key(type, Priority.NORMAL);
    }

    /** How many times this bus's Redis became unreachable since start. */
    public long outages() {
        return health.outages();
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        return deadLetters.newest(limit);
    }

    /**
     * Adds the letter's envelope, as received, to its group's replay lane
     * {@code <prefix>:<bus>:replay:<group>}, which only that group's readers read: the other
     * groups handled the message already and do not see it again. The lane is created by the
     * group's readers (and by this {@code XADD} if none ran yet); it is trimmed like every stream.
     */
    @Override
    public void replay(DeadLetter letter) {
        if (letter.bus() != bus) {
            throw new IllegalArgumentException("dead letter " + letter.originalId() + " is of the "
                    + letter.bus().displayName() + " bus, not the " + bus.displayName() + " bus");
        }
        deadLetters.replay(letter, groupKey("replay", letter.group(), letter.stream()));
    }

    /** Waits until everything published so far has reached Redis. */
    public boolean awaitPublished(Duration timeout) {
        return publisher.awaitDrained(timeout);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // Readers first: a handler still running may publish, and its messages must still go out.
        List.copyOf(partitioned).forEach(PartitionedSubscription::close);
        readers.forEach(ConsumerGroupReader::close);
        publisher.close();
        connections.close();
    }

    RedisBusConfig config() {
        return config;
    }

    RedisConnections connections() {
        return connections;
    }

    RoutingTable routing() {
        return routing;
    }

    EnvelopeCodec codec() {
        return codec;
    }

    BusCounters counters() {
        return counters;
    }

    ConnectionHealth health() {
        return health;
    }
}
