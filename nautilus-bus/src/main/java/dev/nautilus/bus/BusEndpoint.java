package dev.nautilus.bus;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One engine instance's view of the {@link MessageBus}: publishes in the engine's name, subscribes
 * as consumer {@code instance} of group {@code engine}, and does request/reply.
 *
 * <p>Request/reply: a request carries {@code reply_to}, the instance's private inbox topic
 * {@code _reply.<engine>.<instance>}; the responder publishes the reply with the same type on that
 * topic and {@code correlation_id} set to the request's id. The inbox is a consumer group of its
 * own, created on the first request of each type.
 */
public final class BusEndpoint implements AutoCloseable {

    private final MessageBus bus;
    private final String engine;
    private final String instance;
    private final String inboxTopic;
    private final Map<String, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final Map<MessageType, Subscription> inboxes = new EnumMap<>(MessageType.class);
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    BusEndpoint(MessageBus bus, String engine, String instance) {
        this.bus = bus;
        this.engine = engine;
        this.instance = instance;
        this.inboxTopic = Topics.requireValid("_reply." + engine + "." + instance);
    }

    /** The engine (consumer group) name. */
    public String engine() {
        return engine;
    }

    /** The instance (consumer) name. */
    public String instance() {
        return instance;
    }

    /** The underlying bus. */
    public MessageBus bus() {
        return bus;
    }

    /** Publishes at {@link Priority#NORMAL}; returns the message sent. */
    public Message publish(MessageType type, String topic, Object payload) {
        return publish(type, topic, payload, Priority.NORMAL);
    }

    /** Publishes with the given priority; returns the message sent. */
    public Message publish(MessageType type, String topic, Object payload, Priority priority) {
        Message message = Message.builder(type, topic)
                .source(engine)
                .priority(priority)
                .payload(payload)
                .build();
        if (!Replay.active()) {
            bus.publish(message);
        }
        return message;
    }

    /** Subscribes this instance to the given patterns and types. Closed with the endpoint. */
    public Subscription subscribe(Collection<String> patterns, Set<MessageType> types, MessageHandler handler) {
        Subscription subscription =
                bus.subscribe(new SubscriptionSpec(engine, instance, List.copyOf(patterns), types), handler);
        subscriptions.add(subscription);
        return subscription;
    }

    /**
     * Sends a request and completes with the first reply, or exceptionally with a
     * {@link java.util.concurrent.TimeoutException} when none arrives in time.
     */
    public CompletableFuture<Message> request(MessageType type, String topic, Object payload, Duration timeout) {
        ensureInbox(type);
        Message request = Message.builder(type, topic)
                .source(engine)
                .payload(payload)
                .replyTo(inboxTopic)
                .build();
        CompletableFuture<Message> reply = new CompletableFuture<>();
        pending.put(request.id(), reply);
        reply.whenComplete((m, e) -> pending.remove(request.id()));
        try {
            bus.publish(request);
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
            return reply;
        }
        return reply.orTimeout(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * Answers a request with the same type and priority, on the requester's inbox topic.
     *
     * @throws IllegalArgumentException when the message asked for no reply
     */
    public Message reply(Message request, Object payload) {
        if (request.replyTo() == null) {
            throw new IllegalArgumentException(
                    "message " + request.id() + " (" + request.topic() + ") asked for no reply");
        }
        Message reply = Message.builder(request.type(), request.replyTo())
                .source(engine)
                .priority(request.priority())
                .correlationId(request.id())
                .payload(payload)
                .build();
        if (!Replay.active()) {
            bus.publish(reply);
        }
        return reply;
    }

    private synchronized void ensureInbox(MessageType type) {
        inboxes.computeIfAbsent(
                type,
                t -> bus.subscribe(
                        new SubscriptionSpec(
                                engine + "." + instance + ".inbox", instance, List.of(inboxTopic), Set.of(t)),
                        this::onReply));
    }

    private void onReply(Message message) {
        String correlationId = message.correlationId();
        if (correlationId != null) {
            CompletableFuture<Message> waiting = pending.get(correlationId);
            if (waiting != null) {
                waiting.complete(message);
            }
        }
        // A reply nobody waits for any more (timed out) is acknowledged and dropped on purpose.
    }

    /** Closes this endpoint's subscriptions and inboxes and fails pending requests. */
    @Override
    public synchronized void close() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
        inboxes.values().forEach(Subscription::close);
        inboxes.clear();
        pending.values()
                .forEach(f -> f.completeExceptionally(
                        new IllegalStateException("endpoint " + engine + "/" + instance + " closed")));
    }
}
