package dev.nautilus.app.http;

import dev.nautilus.bus.Json;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.TransportStatus;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineStats;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One engine's HTTP face on its port: {@code GET /health} (MicroProfile shape, 503 when a bus is
 * unreachable), {@code /messagebus/status}, {@code /messagebus/subscriptions}, {@code /metrics}
 * (Prometheus text) and {@code /hardware/status}. Errors answer JSON, never a stack trace.
 */
public final class EngineHttpServer implements AutoCloseable {

    private static final String JSON = "application/json";

    private final Engine engine;
    private final MessageBus bus;
    private final Supplier<EngineStats> stats;
    private final PrometheusMeterRegistry registry;
    private final Javalin server;

    /**
     * Starts serving.
     *
     * @param port the port; 0 for an ephemeral one
     */
    public EngineHttpServer(Engine engine, MessageBus bus, Supplier<EngineStats> stats, PrometheusMeterRegistry registry,
            int port) {
        this.engine = engine;
        this.bus = bus;
        this.stats = stats;
        this.registry = registry;
        this.server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", this::health);
            config.routes.get("/messagebus/status", ctx -> json(ctx, 200, bus.status()));
            config.routes.get("/messagebus/subscriptions", this::subscriptions);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
            config.routes.get("/hardware/status", ctx -> json(ctx, 200, HardwareFacts.read()));
            config.routes.exception(Exception.class, (e, ctx) -> json(ctx, 500,
                    Map.of("error", e.getClass().getSimpleName(), "message", String.valueOf(e.getMessage()))));
            config.routes.error(404, "*", ctx -> json(ctx, 404, Map.of("error", "not found", "path", ctx.path())));
        });
        try {
            server.start(port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("engine " + engine.name() + " cannot serve HTTP on port " + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** The port actually bound. */
    public int port() {
        return server.port();
    }

    private void health(Context ctx) {
        List<Map<String, Object>> checks = new ArrayList<>();
        boolean up = true;
        for (TransportStatus status : bus.status()) {
            up &= status.connected();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("transport", status.transport());
            data.put("endpoint", status.endpoint());
            if (status.lastError() != null) {
                data.put("last_error", status.lastError());
            }
            checks.add(check("bus:" + status.bus().key(), status.connected(), data));
        }
        EngineStats engineStats = stats.get();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("uptime_seconds", engineStats == null ? 0 : (dev.nautilus.bus.MicroClock.nowMicros() - engineStats.startedMicros()) / 1e6);
        data.put("messages_received", engineStats == null ? 0 : engineStats.received());
        data.put("last_message_micros", engineStats == null ? 0 : engineStats.lastMessageMicros());
        checks.add(check("engine:" + engine.name(), engineStats != null, data));
        up &= engineStats != null;
        json(ctx, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN", "checks", checks));
    }

    private static Map<String, Object> check(String name, boolean up, Map<String, Object> data) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", name);
        check.put("status", up ? "UP" : "DOWN");
        check.put("data", data);
        return check;
    }

    private void subscriptions(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("engine", engine.name());
        body.put("wiring", engine.wiring());
        body.put("live", bus.subscriptions().stream().filter(s -> s.group().equals(engine.name()))
                .map(SubscriptionSpec::consumer).toList());
        json(ctx, 200, body);
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON).result(Json.write(body));
    }

    @Override
    public void close() {
        server.stop();
    }
}
