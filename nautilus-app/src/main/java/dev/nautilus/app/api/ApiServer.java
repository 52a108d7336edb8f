package dev.nautilus.app.api;

import dev.nautilus.app.http.GuardedServer;
import dev.nautilus.app.http.JsonResponse;
import dev.nautilus.app.security.AccessGuard;
import dev.nautilus.app.security.HttpSecurity;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.BusBackpressureException;
import dev.nautilus.bus.DeadLetter;
import dev.nautilus.bus.DeadLetterReplayedException;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.Printable;
import dev.nautilus.bus.TransportStatus;
import dev.nautilus.store.Store;
import dev.nautilus.store.repository.TimeRange;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Backend API (Javalin): REST + JSON over the platform's live view, engine health, bus status,
 * stored history and dead letters. Every path is described in {@code /openapi.json} (a checked-in
 * document, {@value #OPENAPI_RESOURCE}), which Swagger UI shows at {@code /docs} ({@link ApiDocs}).
 * Errors are JSON {@code {"status":…,"error":…,"path":…}} with a fitting status; a stack trace is
 * logged, never sent.
 *
 * <p>Every path but {@code /api/health} needs the read token, a replay the admin token in the header,
 * and a browser page may call the API only from an allowed origin (the dashboard's by default): see
 * {@link AccessGuard}.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    static final String OPENAPI_RESOURCE = "/nautilus/openapi.json";
    static final int DEFAULT_LIMIT = 200;

    private final ApiSources sources;
    // two at once on a two-core machine; a second's staleness is what the dashboard's polling allows
    private final StoreReads storeReads = new StoreReads(2, Duration.ofSeconds(1));
    private final String openApi;
    private final ApiDocs docs = new ApiDocs();
    private final Javalin app;

    private ApiServer(ApiSources sources, HttpSecurity security, int port) {
        this.sources = sources;
        this.openApi = readResource(OPENAPI_RESOURCE);
        this.app = GuardedServer.start(security, port, Set.of("/api/health"), Optional.empty(), (config, guard) -> {
            config.routes.get(
                    "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            config.routes.get("/docs", docs::page);
            config.routes.get("/docs/{file}", docs::asset);
            config.routes.get("/api/health", this::health);
            // behind the same token rule as the engines' /metrics (AccessGuard, http.metrics_public)
            sources.processMeters()
                    .ifPresent(meters -> config.routes.get(
                            "/metrics",
                            ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                                    .result(meters.scrape())));
            config.routes.get("/api/engines", this::engines);
            config.routes.get("/api/engines/{name}", this::engine);
            config.routes.get(
                    "/api/bus/status",
                    ctx -> JsonResponse.ok(ctx, sources.busStatus().report()));
            config.routes.get(
                    "/api/instruments",
                    ctx -> JsonResponse.ok(
                            ctx, Map.of("instruments", sources.view().instruments())));
            config.routes.get(
                    "/api/prices",
                    ctx -> JsonResponse.ok(ctx, Map.of("prices", sources.view().lastPrices())));
            config.routes.get(
                    "/api/prices/{instrument}",
                    ctx -> JsonResponse.ok(
                            ctx,
                            sources.view()
                                    .lastPrice(instrument(ctx))
                                    .orElseThrow(() -> ApiException.notFound(
                                            "no trade of instrument '" + instrument(ctx) + "' seen yet"))));
            config.routes.get("/api/bars/{instrument}", this::bars);
            config.routes.get("/api/positions", this::positions);
            config.routes.get("/api/pnl", this::pnl);
            config.routes.get("/api/signals", this::signals);
            config.routes.get(
                    "/api/executions",
                    ctx -> JsonResponse.ok(
                            ctx, Map.of("executions", sources.view().executions(limit(ctx)))));
            config.routes.get(
                    "/api/vpin",
                    ctx -> JsonResponse.ok(
                            ctx,
                            Map.of(
                                    "latest",
                                    sources.view().latestVpin(),
                                    "enhanced",
                                    sources.view().latestEnhancedVpin())));
            config.routes.get(
                    "/api/vpin/{instrument}",
                    ctx -> JsonResponse.ok(
                            ctx,
                            Map.of(
                                    "instrument",
                                    instrument(ctx),
                                    "estimates",
                                    sources.view().vpin(instrument(ctx), limit(ctx)))));
            config.routes.get(
                    "/api/risk",
                    ctx -> JsonResponse.ok(
                            ctx,
                            Map.of(
                                    "metrics",
                                    sources.view().riskMetrics(),
                                    "margin",
                                    sources.view().margins())));
            config.routes.get("/api/alerts", this::alerts);
            config.routes.get("/api/dead-letters", this::deadLetters);
            config.routes.get("/api/dead-letters/{bus}/{id}", ctx -> JsonResponse.ok(ctx, deadLetter(ctx)));
            config.routes.post("/api/dead-letters/{bus}/{id}/replay", this::replay);
            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(DeadLetterReplayedException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
            config.routes.exception(
                    BusBackpressureException.class,
                    (e, ctx) -> error(ctx, 503, "the bus refused the message: " + e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("api request {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
            });
            config.routes.error(404, ctx -> {
                // a route's own 404 already carries its JSON error; only bare ones get one here
                String type = ctx.res().getContentType();
                if (!ctx.res().isCommitted() && (type == null || !type.startsWith("application/json"))) {
                    error(ctx, 404, "no such path: " + ctx.method() + " " + ctx.path());
                }
            });
            config.routes.error(
                    405, ctx -> error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path()));
        });
        LOG.info("backend api {}:{}", security.host(), app.port());
    }

    /**
     * Starts serving.
     *
     * @param security where to bind and whom to let in
     * @param port     TCP port, 0 for an ephemeral one
     */
    public static ApiServer start(ApiSources sources, HttpSecurity security, int port) {
        return new ApiServer(sources, security, port);
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
    }

    private void health(Context ctx) {
        List<Map<String, Object>> checks = new ArrayList<>();
        boolean up = true;
        for (TransportStatus status : sources.bus().status()) {
            checks.add(Map.of("name", "bus:" + status.bus().key(), "status", status.connected() ? "UP" : "DOWN"));
            up &= status.connected();
        }
        // DOWN while the store cannot be written: the recorder is holding messages back meanwhile.
        boolean storeWriting = sources.store()
                .map(store -> !store.ingest().counters().failing())
                .orElse(true);
        up &= storeWriting;
        if (AccessGuard.role(ctx).isEmpty()) {
            JsonResponse.send(ctx, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN"));
            return;
        }
        checks.add(
                Map.of("name", "store", "status", sources.store().isEmpty() ? "ABSENT" : storeWriting ? "UP" : "DOWN"));
        JsonResponse.send(ctx, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN", "checks", checks));
    }

    private void engines(Context ctx) throws InterruptedException {
        List<EngineHealth> engines = sources.engines().probeAll();
        long up = engines.stream().filter(e -> e.status().equals("UP")).count();
        JsonResponse.ok(ctx, Map.of("engines", engines, "up", up, "total", engines.size()));
    }

    private void engine(Context ctx) throws InterruptedException {
        String name = ctx.pathParam("name");
        EngineTarget target = sources.engines().targets().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("unknown engine " + Printable.of(name) + "; known: "
                        + sources.engines().targets().stream()
                                .map(EngineTarget::name)
                                .toList()));
        JsonResponse.ok(ctx, sources.engines().probe(target));
    }

    private void bars(Context ctx) {
        String instrument = instrument(ctx);
        int limit = limit(ctx);
        String source = Optional.ofNullable(ctx.queryParam("source")).orElse("live");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instrument", instrument);
        body.put("source", source);
        switch (source) {
            case "live" -> body.put("bars", sources.view().bars(instrument, limit));
            case "store" -> {
                Store store = sources.store().orElseThrow(() -> new ApiException(503, "this process has no store"));
                int seconds = intParam(
                        ctx, "interval", 60, 1, (int) Duration.ofDays(7).toSeconds());
                List<StoredBar> bars = storeReads.read(List.of(instrument, seconds, limit), () -> {
                    var stored = store.trades().bars(instrument, Duration.ofSeconds(seconds), TimeRange.all());
                    return stored.subList(Math.max(0, stored.size() - limit), stored.size()).stream()
                            .map(StoredBar::of)
                            .toList();
                });
                body.put("intervalSeconds", seconds);
                body.put("bars", bars);
            }
            default -> throw ApiException.badRequest("source must be 'live' or 'store', was " + Printable.of(source));
        }
        JsonResponse.ok(ctx, body);
    }

    private void positions(Context ctx) {
        JsonResponse.ok(
                ctx,
                Map.of(
                        "accounts",
                        sources.view().portfolios().values().stream()
                                .map(AccountPositions::of)
                                .toList()));
    }

    private void pnl(Context ctx) {
        JsonResponse.ok(
                ctx,
                Map.of(
                        "accounts",
                        sources.view().portfolios().values().stream()
                                .map(AccountPnl::of)
                                .toList(),
                        "history",
                        sources.view().pnl(limit(ctx))));
    }

    private void signals(Context ctx) {
        String changed = Optional.ofNullable(ctx.queryParam("changed")).orElse("false");
        if (!changed.equals("true") && !changed.equals("false")) {
            throw ApiException.badRequest("changed must be true or false, was " + Printable.of(changed));
        }
        List<BusEvent> signals = changed.equals("true")
                ? sources.view().signals(LiveView.CAPACITY).stream()
                        .filter(s -> s.payload().path("changed").asBoolean())
                        .limit(limit(ctx))
                        .toList()
                : sources.view().signals(limit(ctx));
        JsonResponse.ok(ctx, Map.of("signals", signals));
    }

    private void alerts(Context ctx) {
        String kind = ctx.queryParam("kind");
        List<Alert> alerts = sources.view().alerts(kind == null ? limit(ctx) : LiveView.CAPACITY).stream()
                .filter(a -> kind == null || a.kind().equals(kind))
                .limit(limit(ctx))
                .toList();
        JsonResponse.ok(ctx, Map.of("alerts", alerts));
    }

    private void deadLetters(Context ctx) {
        Optional<Bus> bus = Optional.ofNullable(ctx.queryParam("bus")).map(Bus::fromKey);
        JsonResponse.ok(ctx, Map.of("deadLetters", sources.deadLetters().list(bus, limit(ctx))));
    }

    private DeadLetter deadLetter(Context ctx) {
        Bus bus = Bus.fromKey(ctx.pathParam("bus"));
        String id = ctx.pathParam("id");
        return sources.deadLetters()
                .find(bus, id)
                .orElseThrow(() -> ApiException.notFound(
                        "no dead letter with id " + Printable.of(id) + " on the " + bus.displayName() + " bus"));
    }

    private void replay(Context ctx) {
        DeadLetter letter = deadLetter(ctx);
        Message message;
        try {
            message = sources.deadLetters().replay(letter);
        } catch (DeadLetterDesk.UnreplayableException e) {
            throw new ApiException(422, e.getMessage());
        }
        JsonResponse.send(
                ctx,
                202,
                Map.of(
                        "replayed",
                        letter.originalId(),
                        "messageId",
                        message.id(),
                        "type",
                        message.type().wireName(),
                        "topic",
                        message.topic(),
                        "bus",
                        sources.bus().routing().route(message.type()).bus().key()));
    }

    /** The instrument of the path, refused (400) unless it looks like one: no text of any length goes further. */
    private static String instrument(Context ctx) {
        String instrument = ctx.pathParam("instrument");
        if (!instrument.matches("[A-Za-z0-9._:/-]{1,64}")) {
            throw ApiException.badRequest(
                    "an instrument is 1 to 64 letters, digits or . _ : / -, was " + Printable.of(instrument));
        }
        return instrument;
    }

    private static int limit(Context ctx) {
        return intParam(ctx, "limit", DEFAULT_LIMIT, 1, LiveView.CAPACITY);
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw ApiException.badRequest(name + " must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer, was '" + text + "'");
        }
    }

    private static void error(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message == null ? "error" : message);
        body.put("path", ctx.path());
        JsonResponse.send(ctx, status, body);
    }

    static String readResource(String name) {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
