package dev.nautilus.app.websocket;

import dev.nautilus.app.config.WebSocketSettings;
import dev.nautilus.app.websocket.ClientRequest.BadClientRequest;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MicroClock;
import dev.nautilus.bus.TopicPattern;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket engine (port 8600): reads every message on both buses (its wiring subscribes
 * {@code *} to every type, as consumer group {@code websocket}) and streams each to the connected
 * clients whose topic patterns match it, as JSON encoded once per message. Clients, their requests
 * and the slow-client policy are described in docs/WEBSOCKET.md; {@link WebSocketRoutes} puts the
 * engine on HTTP.
 */
public final class WebSocketEngine implements Engine {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketEngine.class);

    /** WebSocket close codes (RFC 6455 §7.4.1): a refused or idle client is told why. */
    private static final int POLICY_VIOLATION = 1008;

    private static final int TRY_AGAIN_LATER = 1013;
    /**
     * How long a client told to go has to answer the close frame before its connection is dropped:
     * one that missed or ignores the frame (the JDK's client sometimes misses one sent right after
     * the handshake) would otherwise hold its socket until the idle timeout.
     */
    private static final long CLOSE_GRACE_MILLIS = 1_000;

    private final WebSocketSettings settings;
    private final WebSocketCounters counters = new WebSocketCounters();
    private final FanOut fanOut;
    private final ClientRegistry registry;
    private final AtomicLong nextClient = new AtomicLong();
    private volatile ScheduledExecutorService heartbeats;

    public WebSocketEngine(WebSocketSettings settings) {
        this.settings = settings;
        this.fanOut = new FanOut(settings.fanOutLanes());
        this.registry =
                new ClientRegistry(settings.fanOutLanes(), settings.limits().patternsPerClient());
    }

    @Override
    public EngineWiring wiring() {
        return EngineMatrix.of(EngineMatrix.WEBSOCKET);
    }

    @Override
    public void onStart(EngineContext context) {
        bindMeters(context.meters());
        fanOut.start();
        heartbeats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("websocket-heartbeat").daemon().factory());
        long period = settings.heartbeatInterval().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onMessage(Message message) {
        ClientConnection[][] route = registry.route(message.topic());
        if (isEmpty(route)) {
            return; // nobody listens: not even encoded
        }
        OutboundFrame frame = ServerFrames.message(message);
        counters.framesEncoded.increment();
        fanOut.deliver(route, frame);
    }

    @Override
    public void onStop() {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        fanOut.close();
        registry.all().forEach(ClientConnection::disconnect);
    }

    /** Registers a new connection writing to {@code sink}. */
    public ClientConnection connect(FrameSink sink) {
        long number = nextClient.incrementAndGet();
        ClientConnection client = new ClientConnection(
                "c" + number,
                (int) (number % fanOut.lanes()),
                sink,
                settings.maxQueuedFrames(),
                settings.maxQueuedBytes(),
                settings.slowClientTimeout().toNanos(),
                counters);
        Optional<String> refusal = registry.admit(
                client, settings.limits().clients(), settings.limits().clientsPerAddress());
        if (refusal.isPresent()) {
            counters.refused.increment();
            LOG.info("websocket client from {} refused: {}", client.remoteHost(), refusal.get());
            closeAndDrop(client, TRY_AGAIN_LATER, refusal.get());
            return client;
        }
        counters.connected.increment();
        return client;
    }

    /** Acts on one text frame from a client; bad input is answered with an error frame, the connection stays open. */
    public void onText(ClientConnection client, String text) {
        long now = System.nanoTime();
        client.heard(now);
        int perSecond = settings.limits().requestsPerSecond();
        if (!client.withinRate(perSecond, now)) {
            counters.rateLimited.increment();
            client.offer(
                    ServerFrames.error("more than " + perSecond + " requests a second: this one was ignored"), false);
            return;
        }
        ClientRequest request;
        try {
            request = ClientRequest.parse(text, settings.limits().patternLength());
        } catch (BadClientRequest e) {
            counters.badRequests.increment();
            client.offer(ServerFrames.error(e.getMessage()), false);
            return;
        }
        switch (request) {
            case ClientRequest.Subscribe subscribe -> {
                try {
                    registry.subscribe(client, subscribe.patterns());
                } catch (BadClientRequest e) {
                    counters.badRequests.increment();
                    client.offer(ServerFrames.error(e.getMessage()), false);
                    return;
                }
                client.offer(ServerFrames.subscribed(names(subscribe.patterns())), false);
            }
            case ClientRequest.Unsubscribe unsubscribe -> {
                registry.unsubscribe(client, unsubscribe.patterns());
                client.offer(ServerFrames.unsubscribed(names(unsubscribe.patterns())), false);
            }
            case ClientRequest.Ping ping -> client.offer(ServerFrames.pong(), false);
        }
    }

    /** Binary frames are not part of the protocol. */
    public void onBinary(ClientConnection client) {
        client.heard(System.nanoTime());
        counters.badRequests.increment();
        client.offer(ServerFrames.error("binary frames are not supported; send JSON text frames"), false);
    }

    /** Forgets a client whose connection closed. */
    public void disconnected(ClientConnection client) {
        client.markClosed();
        registry.remove(client);
    }

    /** The connected clients, oldest first, at most {@code limit}. */
    public List<ClientConnection.ClientStats> clients(int limit) {
        return registry.all().stream()
                .sorted(Comparator.comparingLong(c -> Long.parseLong(c.id().substring(1))))
                .limit(limit)
                .map(ClientConnection::stats)
                .toList();
    }

    /** The number of connected clients. */
    public int clientCount() {
        return registry.size();
    }

    /** The number of clients a message on {@code topic} would go to now. */
    public int subscriberCount(String topic) {
        int count = 0;
        for (ClientConnection[] lane : registry.route(topic)) {
            count += lane.length;
        }
        return count;
    }

    /** Totals across clients. */
    public WebSocketCounters counters() {
        return counters;
    }

    /** The settings in force. */
    public WebSocketSettings settings() {
        return settings;
    }

    /** Closes with a close frame saying why, and drops the connection if that is not answered in time. */
    private void closeAndDrop(ClientConnection client, int code, String reason) {
        client.close(code, reason);
        ScheduledExecutorService timer = heartbeats;
        if (timer != null) {
            try {
                timer.schedule(client::dropAfterClose, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // the engine is stopping: it drops every connection itself
            }
        }
    }

    private void heartbeat() {
        OutboundFrame frame = ServerFrames.heartbeat(MicroClock.nowMicros());
        long idleNanos = settings.limits().idleTimeout().toNanos();
        long now = System.nanoTime();
        for (ClientConnection client : registry.all()) {
            try {
                if (now - client.heardAt() > idleNanos) {
                    counters.idleDisconnects.increment();
                    closeAndDrop(
                            client,
                            POLICY_VIOLATION,
                            "nothing received for "
                                    + settings.limits().idleTimeout().toSeconds()
                                    + " s: send {\"op\":\"ping\"} to stay connected");
                    continue;
                }
                client.offer(frame, false);
            } catch (RuntimeException e) {
                LOG.debug("websocket heartbeat to client={} failed: {}", client.id(), e.toString());
            }
        }
    }

    private static List<String> names(List<TopicPattern> patterns) {
        return patterns.stream().map(TopicPattern::pattern).toList();
    }

    private static boolean isEmpty(ClientConnection[][] route) {
        for (ClientConnection[] lane : route) {
            if (lane.length > 0) {
                return false;
            }
        }
        return true;
    }

    private void bindMeters(MeterRegistry meters) {
        Gauge.builder("nautilus.websocket.clients", registry, ClientRegistry::size)
                .description("WebSocket clients connected")
                .register(meters);
        Gauge.builder(
                        "nautilus.websocket.queued.frames",
                        registry,
                        r -> r.all().stream()
                                .mapToLong(ClientConnection::queuedFrames)
                                .sum())
                .description("Frames queued for WebSocket clients")
                .register(meters);
        Gauge.builder(
                        "nautilus.websocket.queued.bytes",
                        registry,
                        r -> r.all().stream()
                                .mapToLong(ClientConnection::queuedBytes)
                                .sum())
                .description("Bytes queued for WebSocket clients")
                .baseUnit("bytes")
                .register(meters);
        counter(
                meters,
                "nautilus.websocket.messages.sent",
                WebSocketCounters::messagesSent,
                null,
                "Messages sent to clients");
        counter(meters, "nautilus.websocket.sent", WebSocketCounters::bytesSent, "bytes", "Bytes sent to clients");
        counter(
                meters,
                "nautilus.websocket.dropped",
                WebSocketCounters::dropped,
                null,
                "Messages dropped for clients that fell behind");
        counter(
                meters,
                "nautilus.websocket.connections",
                WebSocketCounters::connected,
                null,
                "Client connections accepted");
        counter(
                meters,
                "nautilus.websocket.slow.disconnects",
                WebSocketCounters::slowDisconnects,
                null,
                "Clients disconnected for being slow");
        counter(
                meters,
                "nautilus.websocket.frames.encoded",
                WebSocketCounters::framesEncoded,
                null,
                "Frames encoded (once per message, shared by clients)");
        counter(
                meters,
                "nautilus.websocket.bad.requests",
                WebSocketCounters::badRequests,
                null,
                "Client requests refused as malformed");
        counter(
                meters,
                "nautilus.websocket.rate.limited",
                WebSocketCounters::rateLimited,
                null,
                "Client requests refused by the rate limit");
        counter(
                meters,
                "nautilus.websocket.refused",
                WebSocketCounters::refused,
                null,
                "Connections refused for the total or per-address bound");
        counter(
                meters,
                "nautilus.websocket.idle.disconnects",
                WebSocketCounters::idleDisconnects,
                null,
                "Clients disconnected for being idle");
    }

    private void counter(
            MeterRegistry meters, String name, ToDoubleFunction<WebSocketCounters> value, String unit, String help) {
        FunctionCounter.Builder<WebSocketCounters> builder =
                FunctionCounter.builder(name, counters, value).description(help);
        if (unit != null) {
            builder.baseUnit(unit);
        }
        builder.register(meters);
    }
}
