package dev.nautilus.app.dashboard;

import dev.nautilus.app.http.GuardedServer;
import dev.nautilus.app.security.HttpSecurity;
import dev.nautilus.bus.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the dashboard: the page and its bundle (built from {@code src/main/web} by Maven into
 * {@value #ASSETS} on the classpath, so it works offline) and {@code /config.json}, which tells the
 * page the ports of the Backend API and the WebSocket engine. The page builds their URLs from its
 * own host name, so it works from whatever address the browser reached this server by. The page is
 * opened with the read or admin token in its URL ({@code /?token=…}, as {@code up} prints it); the
 * page keeps it for the session and sends it to the API in a header.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

    /** The seed's dashboard port, before the configured offset. */
    public static final int DEFAULT_PORT = 3000;

    static final String ASSETS = "/nautilus/dashboard/";

    /** Files the page is made of, with their content types. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "dashboard.js.map", "application/json",
            "dashboard.css.map", "application/json");

    private final Javalin app;

    private DashboardServer(HttpSecurity security, int port, int apiPort, int webSocketPort) {
        String config = Json.write(Map.of("apiPort", apiPort, "webSocketPort", webSocketPort));
        requireAsset("index.html");
        requireAsset("dashboard.js");
        // per port, so that two platforms side by side on one host keep their own
        String cookie = "nautilus_token_" + port;
        this.app = GuardedServer.start(security, port, Set.of(), Optional.of(cookie), (c, guard) -> {
            c.routes.get("/", ctx -> {
                rememberToken(ctx, security, cookie);
                serve(ctx, "index.html");
            });
            c.routes.get(
                    "/config.json",
                    ctx -> ctx.contentType("application/json")
                            .header("Cache-Control", "no-store")
                            .result(config));
            c.routes.get("/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
        });
        LOG.info("dashboard {}:{} api port={} websocket port={}", security.host(), app.port(), apiPort, webSocketPort);
    }

    /**
     * Starts serving the dashboard.
     *
     * @param security      where to bind and whom to let in
     * @param port          TCP port, 0 for an ephemeral one
     * @param apiPort       where the page finds the Backend API
     * @param webSocketPort where the page finds the WebSocket engine
     * @throws IllegalStateException when the bundle was not built into the classpath
     */
    public static DashboardServer start(HttpSecurity security, int port, int apiPort, int webSocketPort) {
        return new DashboardServer(security, port, apiPort, webSocketPort);
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
    }

    /**
     * The page is opened once with the token in its URL, as {@code up} prints it. The page's assets are loaded without it, so the token is kept in a cookie that only
     * this server reads, only for reads, and that no other site can make the browser send.
     */
    private static void rememberToken(Context ctx, HttpSecurity security, String cookie) {
        String token = ctx.queryParam("token");
        // a token of other characters than these cannot go in a cookie as it is; the page still works by URL
        if (token != null
                && token.matches("[0-9A-Za-z._~-]{1,256}")
                && security.tokens().roleOf(token).isPresent()) {
            ctx.header("Set-Cookie", cookie + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        }
    }

    private static void serve(Context ctx, String file) throws IOException {
        String type = FILES.get(file);
        InputStream in = type == null ? null : DashboardServer.class.getResourceAsStream(ASSETS + file);
        if (in == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such file: " + file);
            return;
        }
        try (in) {
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    private static void requireAsset(String file) {
        try (InputStream in = DashboardServer.class.getResourceAsStream(ASSETS + file)) {
            if (in == null) {
                throw new IllegalStateException(
                        "dashboard asset " + ASSETS + file
                                + " is missing: the web bundle was not built (mvn package runs npm ci and esbuild in nautilus-app)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
