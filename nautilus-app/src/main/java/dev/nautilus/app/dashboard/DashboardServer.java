package dev.nautilus.app.dashboard;

import dev.nautilus.bus.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the dashboard: the page and its bundle (built from {@code src/main/web} by Maven into
 * {@value #ASSETS} on the classpath, so it works offline) and {@code /config.json}, which tells the
 * page the ports of the Backend API and the WebSocket engine. The page builds their URLs from its
 * own host name, so it works from whatever address the browser reached this server by.
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

    private DashboardServer(int port, int apiPort, int webSocketPort) {
        String config = Json.write(Map.of("apiPort", apiPort, "webSocketPort", webSocketPort));
        requireAsset("index.html");
        requireAsset("dashboard.js");
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.routes.get("/", ctx -> serve(ctx, "index.html"));
            c.routes.get("/config.json", ctx -> ctx.contentType("application/json").header("Cache-Control", "no-store").result(config));
            c.routes.get("/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
        });
        app.start(port);
        LOG.info("dashboard port={} api port={} websocket port={}", app.port(), apiPort, webSocketPort);
    }

    /**
     * Starts serving the dashboard.
     *
     * @param port          TCP port, 0 for an ephemeral one
     * @param apiPort       where the page finds the Backend API
     * @param webSocketPort where the page finds the WebSocket engine
     * @throws IllegalStateException when the bundle was not built into the classpath
     */
    public static DashboardServer start(int port, int apiPort, int webSocketPort) {
        return new DashboardServer(port, apiPort, webSocketPort);
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
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
                throw new IllegalStateException("dashboard asset " + ASSETS + file
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
