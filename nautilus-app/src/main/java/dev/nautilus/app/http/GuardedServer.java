package dev.nautilus.app.http;

import dev.nautilus.app.security.AccessGuard;
import dev.nautilus.app.security.HttpSecurity;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/** The one way the platform starts an HTTP server: quiet, bound where the security settings say, guarded. */
public final class GuardedServer {

    private GuardedServer() {}

    /**
     * Starts a Javalin server on {@code security.host()} whose every route is behind an {@link AccessGuard}.
     *
     * @param port      TCP port, 0 for an ephemeral one
     * @param openPaths paths served without a token (health probes)
     * @param cookie    the cookie in which reads may carry the token (the dashboard's), if any
     * @param routes    adds the server's routes; gets the guard for WebSocket upgrades
     */
    public static Javalin start(
            HttpSecurity security,
            int port,
            Set<String> openPaths,
            Optional<String> cookie,
            BiConsumer<JavalinConfig, AccessGuard> routes) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            AccessGuard guard = AccessGuard.install(config, security, openPaths, cookie);
            routes.accept(config, guard);
        });
        return app.start(security.host(), port);
    }
}
