package dev.nautilus.app.http;

import dev.nautilus.app.security.AccessGuard;
import dev.nautilus.app.security.HttpSecurity;
import dev.nautilus.app.websocket.WebSocketEngine;
import dev.nautilus.app.websocket.WebSocketRoutes;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.TransportStatus;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineRuntime;
import dev.nautilus.engines.marketdata.MarketDataHub;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine's HTTP face (Javalin): {@code GET /health} (MicroProfile shape, 503 when down),
 * {@code /messagebus/status}, {@code /messagebus/subscriptions}, {@code /messagebus/partitions}, {@code /metrics} (Prometheus text of
 * this engine's own meters; in an engine process, the process's too), {@code /hardware/status}; the MarketData hub adds
 * {@code /marketdata/snapshot/{instrument}} and {@code /marketdata/status}; the WebSocket engine adds
 * {@code /ws} and {@code /clients} (see {@link WebSocketRoutes}). Every path but {@code /health} needs
 * the read token, and {@code /health} tells only UP or DOWN without it (see {@link AccessGuard}).
 */
public final class EngineHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineHttpServer.class);

    private final EngineRuntime runtime;
    private final MessageBus bus;
    private final PrometheusMeterRegistry registry;
    private final Javalin app;

    private EngineHttpServer(
            EngineRuntime runtime, MessageBus bus, PrometheusMeterRegistry registry, HttpSecurity security, int port) {
        this.runtime = runtime;
        this.bus = bus;
        this.registry = registry;
        this.app = GuardedServer.start(security, port, Set.of("/health"), Optional.empty(), (config, guard) -> {
            config.routes.get("/health", this::health);
            config.routes.get("/messagebus/status", ctx -> JsonResponse.ok(ctx, bus.status()));
            config.routes.get("/messagebus/subscriptions", this::subscriptions);
            config.routes.get("/messagebus/partitions", ctx -> JsonResponse.ok(ctx, EnginePartitions.of(bus)));
            config.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                            .result(registry.scrape()));
            config.routes.get("/hardware/status", ctx -> JsonResponse.ok(ctx, HardwareStatus.read()));
            if (runtime.engine() instanceof WebSocketEngine websocket) {
                WebSocketRoutes.mount(config, websocket, guard);
            }
            if (runtime.engine() instanceof MarketDataHub hub) {
                config.routes.get("/marketdata/snapshot/{instrument}", ctx -> {
                    var snapshot = hub.snapshot(ctx.pathParam("instrument"));
                    JsonResponse.send(ctx, snapshot.found() ? 200 : 404, snapshot);
                });
                config.routes.get("/marketdata/status", ctx -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("accepted", hub.acceptedCount());
                    body.put("rejected", hub.rejections());
                    body.put("cacheHits", hub.cache().hits());
                    body.put("cacheMisses", hub.cache().misses());
                    double rate = hub.cacheHitRate();
                    body.put("cacheHitRate", Double.isNaN(rate) ? null : rate);
                    JsonResponse.ok(ctx, body);
                });
            }
        });
        LOG.info("engine={} http {}:{}", runtime.engine().name(), security.host(), app.port());
    }

    /**
     * Starts serving {@code runtime}'s endpoints.
     *
     * @param security where to bind and whom to let in
     * @param port     TCP port, 0 for an ephemeral one
     */
    public static EngineHttpServer start(
            EngineRuntime runtime, MessageBus bus, PrometheusMeterRegistry registry, HttpSecurity security, int port) {
        return new EngineHttpServer(runtime, bus, registry, security, port);
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
    }

    /** The engine served. */
    public EngineRuntime runtime() {
        return runtime;
    }

    private void health(Context ctx) {
        List<TransportStatus> statuses = bus.status();
        boolean up = runtime.startedAt() != null && statuses.stream().allMatch(TransportStatus::connected);
        if (AccessGuard.role(ctx).isEmpty()) {
            // open to probes, which need the verdict only; the details are for token holders
            JsonResponse.send(ctx, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN"));
            return;
        }
        List<Map<String, Object>> checks = new ArrayList<>();
        Instant started = runtime.startedAt();
        Instant last = runtime.lastMessageAt();
        Map<String, Object> engineData = new LinkedHashMap<>();
        engineData.put(
                "uptimeSeconds",
                started == null ? 0 : Duration.between(started, Instant.now()).toSeconds());
        engineData.put("messagesHandled", runtime.handledCount());
        engineData.put("duplicatesDropped", runtime.duplicatesDropped());
        engineData.put("lastMessageAt", last == null ? null : last.toString());
        checks.add(check("engine:" + runtime.engine().name(), started != null, engineData));
        for (TransportStatus status : statuses) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("transport", status.transport());
            data.put("endpoint", status.endpoint());
            data.put("lastError", status.lastError());
            checks.add(check("bus:" + status.bus().name().toLowerCase(), status.connected(), data));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        JsonResponse.send(ctx, up ? 200 : 503, body);
    }

    private void subscriptions(Context ctx) {
        String name = runtime.engine().name();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("engine", runtime.engine().wiring());
        body.put(
                "live",
                bus.subscriptions().stream().filter(s -> s.group().equals(name)).toList());
        body.put("matrix", EngineMatrix.all());
        JsonResponse.ok(ctx, body);
    }

    private static Map<String, Object> check(String name, boolean up, Map<String, Object> data) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", name);
        check.put("status", up ? "UP" : "DOWN");
        check.put("data", data);
        return check;
    }

    @Override
    public void close() {
        app.stop();
    }
}
