package dev.nautilus.app.websocket;

import dev.nautilus.app.http.JsonResponse;
import dev.nautilus.app.security.AccessGuard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.websocket.WsContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket engine on HTTP: {@code /ws} (the upgrade, screened by the server's {@link AccessGuard}:
 * a foreign {@code Origin} gets 403, a missing or wrong read token 401; the token comes as
 * {@code ?token=}, since a browser cannot set a header on an upgrade, or {@code Authorization: Bearer})
 * and {@code GET /clients} (per-client counters; {@code ?limit=} caps the list, default 1,000).
 */
public final class WebSocketRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketRoutes.class);

    private final WebSocketEngine engine;
    private final Map<String, ClientConnection> bySession = new ConcurrentHashMap<>();

    private WebSocketRoutes(WebSocketEngine engine) {
        this.engine = engine;
    }

    /** Adds the engine's routes to a Javalin configuration whose requests {@code guard} screens. */
    public static void mount(JavalinConfig config, WebSocketEngine engine, AccessGuard guard) {
        WebSocketRoutes routes = new WebSocketRoutes(engine);
        config.routes.wsBeforeUpgrade("/ws", guard::admitUpgrade);
        // Jetty refuses a larger frame before buffering it (close code 1009)
        int maxFrame = engine.settings().limits().maxFrameBytes();
        config.jetty.modifyWebSocketServletFactory(factory -> {
            factory.setMaxTextMessageSize(maxFrame);
            factory.setMaxBinaryMessageSize(maxFrame);
        });
        config.routes.ws("/ws", ws -> {
            ws.onConnect(ctx -> routes.connected(ctx));
            ws.onMessage(ctx -> routes.client(ctx).ifPresent(c -> engine.onText(c, ctx.message())));
            ws.onBinaryMessage(ctx -> routes.client(ctx).ifPresent(engine::onBinary));
            ws.onClose(ctx -> routes.closed(ctx));
            ws.onError(ctx -> {
                LOG.debug("websocket session={} error: {}", ctx.sessionId(), String.valueOf(ctx.error()));
                routes.closed(ctx);
            });
        });
        config.routes.get("/clients", routes::clients);
    }

    private void connected(WsContext ctx) {
        bySession.put(ctx.sessionId(), engine.connect(new JettyFrameSink(ctx.session)));
    }

    private java.util.Optional<ClientConnection> client(WsContext ctx) {
        return java.util.Optional.ofNullable(bySession.get(ctx.sessionId()));
    }

    private void closed(WsContext ctx) {
        ClientConnection client = bySession.remove(ctx.sessionId());
        if (client != null) {
            engine.disconnected(client);
        }
    }

    private void clients(Context ctx) {
        int limit;
        try {
            limit = Integer.parseInt(
                    ctx.queryParamAsClass("limit", String.class).getOrDefault("1000"));
        } catch (NumberFormatException e) {
            JsonResponse.send(ctx, HttpStatus.BAD_REQUEST.getCode(), Map.of("error", "limit must be a whole number"));
            return;
        }
        WebSocketCounters totals = engine.counters();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", engine.clientCount());
        body.put("messagesSent", totals.messagesSent());
        body.put("bytesSent", totals.bytesSent());
        body.put("dropped", totals.dropped());
        body.put("slowDisconnects", totals.slowDisconnects());
        body.put("clients", engine.clients(Math.max(0, limit)));
        JsonResponse.ok(ctx, body);
    }
}
