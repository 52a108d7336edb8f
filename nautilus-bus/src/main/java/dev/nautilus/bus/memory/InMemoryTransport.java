package dev.nautilus.bus.memory;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.BusBackpressureException;
import dev.nautilus.bus.BusCounters;
import dev.nautilus.bus.BusTransport;
import dev.nautilus.bus.DeadLetter;
import dev.nautilus.bus.DeadLetterReplayedException;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.MicroClock;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.TransportStatus;
import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.codec.MalformedEnvelopeException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bus inside the JVM, with the semantics of the Redis transport that make sense in one
 * process: topic patterns, consumer groups shared by instances, priority lanes, bounded queues
 * with back-pressure, and dead letters. Nothing is encoded: consumers get the published instance.
 *
 * <p>Which groups a message goes to is resolved once per (type, topic) and cached; the cache is
 * replaced whole whenever a subscription changes, so publishers never lock.
 */
public final class InMemoryTransport implements BusTransport {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryTransport.class);
    private static final int ROUTE_CACHE_LIMIT = 100_000;

    private final Bus bus;
    private final RoutingTable routing;
    private final InMemoryConfig config;
    private final EnvelopeCodec codec = new EnvelopeCodec(Integer.MAX_VALUE);
    private final BusCounters counters = new BusCounters();
    private final DeadLetterLog deadLetters;
    private final Map<String, ConsumerGroup> groups = new LinkedHashMap<>();
    /** Totals of consumers that left, so that {@link #status()} never goes down. */
    private final BusCounters retired = new BusCounters();
    /** Consumers detached from their group whose thread may still finish a message. */
    private final List<ConsumerLoop> retiring = new ArrayList<>();

    private volatile RouteCache routes = new RouteCache(new ConsumerGroup[0]);
    private volatile boolean closed;

    public InMemoryTransport(Bus bus, RoutingTable routing, InMemoryConfig config) {
        this.bus = bus;
        this.routing = routing;
        this.config = config;
        this.deadLetters = new DeadLetterLog(config.deadLetterHistory());
    }

    /** Both buses in memory, behind one {@link DualMessageBus}. */
    public static DualMessageBus dualBus(RoutingTable routing, InMemoryConfig config) {
        Map<Bus, BusTransport> transports = new EnumMap<>(Bus.class);
        for (Bus b : Bus.values()) {
            transports.put(b, new InMemoryTransport(b, routing, config));
        }
        return new DualMessageBus(routing, transports);
    }

    /** Both buses in memory with default settings. */
    public static DualMessageBus dualBus() {
        return dualBus(RoutingTable.defaults(), InMemoryConfig.defaults());
    }

    @Override
    public Bus bus() {
        return bus;
    }

    @Override
    public void publish(Message message) {
        if (closed) {
            throw new IllegalStateException("the " + bus.displayName() + " bus is closed");
        }
        ConsumerGroup[] targets = routes.targets(message.type(), message.topic());
        for (ConsumerGroup group : targets) {
            if (!group.lanes().offer(message)) {
                waitForSpace(group, message);
            }
        }
        counters.published.increment();
    }

    /** A message is confirmed once it is in its groups' queues, which it is when publish returns. */
    @Override
    public CompletionStage<Void> confirmed() {
        return CompletableFuture.completedStage(null);
    }

    private void waitForSpace(ConsumerGroup group, Message message) {
        boolean accepted;
        try {
            accepted = group.lanes()
                    .offer(message, System.nanoTime() + config.publishTimeout().toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            accepted = false;
        }
        if (!accepted) {
            counters.rejected.increment();
            throw new BusBackpressureException("group '" + group.name() + "' on the " + bus.displayName()
                    + " bus is full (" + group.lanes().size() + " queued) and did not drain within "
                    + config.publishTimeout().toMillis() + " ms; message " + message.id() + " (" + message.topic()
                    + ") was not published");
        }
    }

    @Override
    public synchronized Subscription subscribe(SubscriptionSpec spec, MessageHandler handler) {
        if (closed) {
            throw new IllegalStateException("the " + bus.displayName() + " bus is closed");
        }
        routing.requireAllOn(bus, spec.types());
        ConsumerGroup group = groups.get(spec.group());
        boolean newGroup = group == null;
        if (newGroup) {
            group = new ConsumerGroup(spec, config.laneCapacity());
        } else {
            group.requireCompatible(spec);
        }
        ConsumerLoop consumer = new ConsumerLoop(spec, group, handler, this, config);
        group.consumers().add(consumer);
        if (newGroup) {
            groups.put(spec.group(), group);
            routes = new RouteCache(groups.values().toArray(ConsumerGroup[]::new));
        }
        consumer.start();
        return consumer;
    }

    synchronized void removeConsumer(ConsumerLoop consumer) {
        ConsumerGroup group = consumer.group();
        if (group.consumers().remove(consumer)) {
            retiring.add(consumer);
        }
        if (group.consumers().isEmpty() && groups.remove(group.name()) == group) {
            routes = new RouteCache(groups.values().toArray(ConsumerGroup[]::new));
            int dropped = group.lanes().size();
            if (dropped > 0 && !closed) {
                LOG.warn(
                        "group {} on the {} bus left with {} undelivered messages; the in-memory bus keeps no backlog for absent groups",
                        group.name(),
                        bus.displayName(),
                        dropped);
            }
        }
    }

    /** Folds the counts of a consumer whose thread has ended into the totals. */
    synchronized void retire(ConsumerLoop consumer) {
        retired.delivered.add(consumer.counters().deliveredCount());
        retired.acked.add(consumer.counters().ackedCount());
        retired.handlerFailures.add(consumer.counters().handlerFailureCount());
        retiring.remove(consumer);
    }

    private List<ConsumerLoop> liveConsumers() {
        List<ConsumerLoop> consumers = new ArrayList<>(retiring);
        groups.values().forEach(g -> consumers.addAll(g.consumers()));
        return consumers;
    }

    void deadLetter(Message message, String group, long deliveries, String reason) {
        counters.deadLettered.increment();
        Map<String, String> envelope;
        try {
            envelope = codec.encode(message);
        } catch (RuntimeException e) {
            envelope = Map.of(
                    "id", message.id(), "topic", message.topic(), "encode_error", String.valueOf(e.getMessage()));
        }
        deadLetters.add(new DeadLetter(
                bus,
                group,
                routing.route(message.type()).streamKey(),
                message.id(),
                reason,
                deliveries,
                MicroClock.nowMicros(),
                envelope));
        LOG.warn(
                "dead-lettered message {} ({}) of group {} on the {} bus: {}",
                message.id(),
                message.topic(),
                group,
                bus.displayName(),
                reason);
    }

    @Override
    public synchronized List<SubscriptionSpec> subscriptions() {
        List<SubscriptionSpec> specs = new ArrayList<>();
        for (ConsumerGroup group : groups.values()) {
            group.consumers().forEach(c -> specs.add(c.spec()));
        }
        return specs;
    }

    @Override
    public synchronized TransportStatus status() {
        long queued = 0;
        long delivered = retired.delivered.sum();
        long acked = retired.acked.sum();
        long failures = retired.handlerFailures.sum();
        for (ConsumerGroup group : groups.values()) {
            queued += group.lanes().size();
        }
        for (ConsumerLoop consumer : liveConsumers()) {
            delivered += consumer.counters().deliveredCount();
            acked += consumer.counters().ackedCount();
            failures += consumer.counters().handlerFailureCount();
        }
        return new TransportStatus(
                bus,
                "in-memory",
                "memory://" + bus.key(),
                !closed,
                counters.published.sum(),
                delivered,
                acked,
                failures,
                counters.deadLettered.sum(),
                counters.rejected.sum(),
                queued,
                null);
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        return deadLetters.newest(limit);
    }

    /**
     * Offers the letter's message to its group's queue only. A group without a consumer now has no
     * queue here (the in-memory bus keeps no backlog for absent groups): the replay is refused.
     */
    @Override
    public void replay(DeadLetter letter) {
        if (!deadLetters.markReplayed(letter)) {
            throw new DeadLetterReplayedException(letter);
        }
        try {
            Message message;
            try {
                message = codec.decode(letter.envelope(), letter.originalId());
            } catch (MalformedEnvelopeException e) {
                throw new IllegalArgumentException(
                        "dead letter " + letter.originalId() + " cannot be replayed: " + e.getMessage(), e);
            }
            ConsumerGroup group;
            synchronized (this) {
                group = groups.get(letter.group());
            }
            if (group == null) {
                throw new BusBackpressureException(
                        "group '" + letter.group() + "' has no consumer on the " + bus.displayName()
                                + " bus now, and the in-memory bus keeps nothing for absent groups; dead letter "
                                + letter.originalId() + " was not replayed");
            }
            if (!group.lanes().offer(message)) {
                waitForSpace(group, message);
            }
            LOG.info(
                    "replayed dead letter {} to group {} on the {} bus",
                    letter.originalId(),
                    letter.group(),
                    bus.displayName());
        } catch (RuntimeException e) {
            deadLetters.unmarkReplayed(letter);
            throw e;
        }
    }

    @Override
    public void close() {
        List<ConsumerLoop> consumers = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            groups.values().forEach(g -> consumers.addAll(g.consumers()));
        }
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        for (ConsumerGroup group : routes.groups) {
            while (!group.lanes().isEmpty()
                    && System.nanoTime() < deadline
                    && !group.consumers().isEmpty()) {
                group.lanes().awaitMessages(1_000_000L);
            }
            if (!group.lanes().isEmpty()) {
                LOG.warn(
                        "closing the {} bus with {} messages of group {} unhandled after the drain timeout",
                        bus.displayName(),
                        group.lanes().size(),
                        group.name());
            }
        }
        consumers.forEach(ConsumerLoop::close);
    }

    /** An immutable snapshot of the groups plus the per-(type, topic) resolution cache built on it. */
    private static final class RouteCache {
        private final ConsumerGroup[] groups;
        private final Map<String, ConsumerGroup[]>[] byType;

        @SuppressWarnings("unchecked")
        RouteCache(ConsumerGroup[] groups) {
            this.groups = groups;
            this.byType = new Map[MessageType.values().length];
            for (int i = 0; i < byType.length; i++) {
                byType[i] = new ConcurrentHashMap<>();
            }
        }

        ConsumerGroup[] targets(MessageType type, String topic) {
            Map<String, ConsumerGroup[]> cache = byType[type.ordinal()];
            ConsumerGroup[] targets = cache.get(topic);
            if (targets == null) {
                targets = resolve(type, topic);
                if (cache.size() >= ROUTE_CACHE_LIMIT) {
                    cache.clear();
                }
                cache.put(topic, targets);
            }
            return targets;
        }

        private ConsumerGroup[] resolve(MessageType type, String topic) {
            List<ConsumerGroup> matched = new ArrayList<>(4);
            for (ConsumerGroup group : groups) {
                if (group.accepts(type, topic)) {
                    matched.add(group);
                }
            }
            return matched.toArray(ConsumerGroup[]::new);
        }
    }
}
