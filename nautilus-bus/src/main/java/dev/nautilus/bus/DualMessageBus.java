package dev.nautilus.bus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link MessageBus}: one transport per {@link Bus}, messages routed by type through the
 * {@link RoutingTable}. The transports may be in-memory or Redis; engines cannot tell. Each
 * transport's consumers acknowledge a batch only after {@link #confirmed()}, the barrier of both
 * buses: a handler on the MarketData bus may publish on the Engine Logic bus.
 */
public final class DualMessageBus implements MessageBus {

    private final RoutingTable routing;
    private final Map<Bus, BusTransport> transports;
    private final SpanningSubscriber spanning;
    /** What consumers await besides the publish barrier before acknowledging (see {@link #acknowledgeAlsoAfter}). */
    private final List<PublishBarrier> ackConditions = new CopyOnWriteArrayList<>();

    /**
     * @param routing    decides the bus of each message type
     * @param transports one transport per bus; this bus owns and closes them
     */
    public DualMessageBus(RoutingTable routing, Map<Bus, BusTransport> transports) {
        this(routing, transports, SpanningSubscriber.NONE);
    }

    /**
     * @param spanning takes the subscriptions reading both buses that their transports must
     *                 coordinate (see {@link SpanningSubscriber})
     * @see #DualMessageBus(RoutingTable, Map)
     */
    public DualMessageBus(RoutingTable routing, Map<Bus, BusTransport> transports, SpanningSubscriber spanning) {
        this.routing = routing;
        this.spanning = Objects.requireNonNull(spanning, "spanning");
        this.transports = new EnumMap<>(Bus.class);
        for (Bus bus : Bus.values()) {
            BusTransport transport = transports.get(bus);
            if (transport == null) {
                throw new IllegalArgumentException("no transport for the " + bus.displayName() + " bus");
            }
            if (transport.bus() != bus) {
                throw new IllegalArgumentException("transport for " + transport.bus() + " given as " + bus);
            }
            this.transports.put(bus, transport);
        }
        this.transports.values().forEach(t -> t.acknowledgeAfter(this::acknowledgeable));
    }

    @Override
    public RoutingTable routing() {
        return routing;
    }

    @Override
    public void publish(Message message) {
        PublishFence.check(message);
        transports.get(routing.busOf(message.type())).publish(message);
    }

    @Override
    public CompletionStage<Void> confirmed() {
        CompletableFuture<?>[] each = transports.values().stream()
                .map(t -> t.confirmed().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(each);
    }

    @Override
    public void acknowledgeAlsoAfter(PublishBarrier condition) {
        ackConditions.add(Objects.requireNonNull(condition, "condition"));
    }

    /** The publish barrier and every condition given to {@link #acknowledgeAlsoAfter}, taken now. */
    private CompletionStage<Void> acknowledgeable() {
        if (ackConditions.isEmpty()) {
            return confirmed();
        }
        List<CompletableFuture<Void>> each = new ArrayList<>();
        each.add(confirmed().toCompletableFuture());
        ackConditions.forEach(c -> each.add(c.confirmed().toCompletableFuture()));
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new));
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, MessageHandler handler) {
        Map<Bus, Set<MessageType>> typesByBus = new EnumMap<>(Bus.class);
        for (MessageType type : spec.types()) {
            typesByBus
                    .computeIfAbsent(routing.busOf(type), b -> EnumSet.noneOf(MessageType.class))
                    .add(type);
        }
        MessageHandler effective = SerializedHandler.forFeeds(typesByBus.size(), handler);
        if (typesByBus.size() > 1) {
            Optional<Subscription> whole = spanning.subscribe(spec, effective);
            if (whole.isPresent()) {
                return whole.get();
            }
        }
        List<Subscription> parts = new ArrayList<>(typesByBus.size());
        try {
            for (Map.Entry<Bus, Set<MessageType>> entry : typesByBus.entrySet()) {
                parts.add(transports.get(entry.getKey()).subscribe(spec.withTypes(entry.getValue()), effective));
            }
        } catch (RuntimeException e) {
            throw Closeables.closeEachAfter(e, parts, Subscription::close);
        }
        return new CompositeSubscription(spec, parts);
    }

    @Override
    public boolean partitioned(MessageType type) {
        return transports.get(routing.busOf(type)).partitioned(type);
    }

    @Override
    public List<SubscriptionSpec> subscriptions() {
        List<SubscriptionSpec> all = new ArrayList<>();
        transports.values().forEach(t -> all.addAll(t.subscriptions()));
        return all;
    }

    @Override
    public List<TransportStatus> status() {
        return transports.values().stream().map(BusTransport::status).toList();
    }

    @Override
    public List<DeadLetter> deadLetters(Bus bus, int limit) {
        return transports.get(bus).deadLetters(limit);
    }

    @Override
    public void replay(DeadLetter letter) {
        transports.get(letter.bus()).replay(letter);
    }

    /** The transport of one bus. */
    public BusTransport transport(Bus bus) {
        return transports.get(bus);
    }

    @Override
    public void close() {
        Closeables.closeEach(transports.values(), BusTransport::close);
    }
}
