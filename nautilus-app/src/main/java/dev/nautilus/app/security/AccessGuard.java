package dev.nautilus.app.security;

import dev.nautilus.app.http.JsonResponse;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gate in front of every route of one server: the browser's origin first, then the bearer
 * token and the role the request needs.
 *
 * <ul>
 *   <li>A request carrying an {@code Origin} that is neither the server's own nor allowed is refused
 *       (403), whatever its token: no page of another site can drive the platform through a
 *       visitor's browser. Allowed origins get the CORS headers, and preflights are answered.
 *   <li>{@code GET}/{@code HEAD} need the read role, with the token in {@code Authorization: Bearer},
 *       in {@code ?token=} (a browser cannot put a header on a WebSocket upgrade or a page load) or,
 *       where the server serves a page, in its session cookie.
 *   <li>Anything else changes state and needs the admin role with the token in the header: a
 *       query string or a cookie, which a cross-site page can make a browser send, is not enough.
 *   <li>Open paths ({@code /health}) pass; their handlers ask {@link #role} how much to tell.
 * </ul>
 */
public final class AccessGuard {

    private static final String ROLE_ATTRIBUTE = "nautilus.role";
    private static final String BEARER = "Bearer ";

    private final HttpSecurity security;
    private final Set<String> openPaths;
    private final Optional<String> cookie;

    private AccessGuard(HttpSecurity security, Set<String> openPaths, Optional<String> cookie) {
        this.security = security;
        this.openPaths = Set.copyOf(openPaths);
        this.cookie = cookie;
    }

    /**
     * Puts a guard before every route of {@code config}.
     *
     * @param openPaths     paths answered without a token (their handlers check {@link #role})
     * @param cookie    the cookie in which reads may present the token (the dashboard's, for its assets), if any
     * @return the guard, for {@link #admitUpgrade}
     */
    public static AccessGuard install(
            JavalinConfig config, HttpSecurity security, Set<String> openPaths, Optional<String> cookie) {
        AccessGuard guard = new AccessGuard(security, openPaths, cookie);
        config.routes.before(guard::screen);
        return guard;
    }

    /** The role the request's token granted, if any (set once the guard has seen the request). */
    public static Optional<Role> role(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ROLE_ATTRIBUTE));
    }

    /**
     * Screens a WebSocket upgrade, which Javalin routes past its HTTP before-handlers: origin, then the
     * read role (token in the query or the header).
     *
     * @throws HttpResponseException with the status and reason when it may not proceed
     */
    public void admitUpgrade(Context ctx) {
        Optional<Refusal> refusal = originRefusal(ctx).or(() -> roleRefusal(ctx, Role.READ));
        if (refusal.isPresent()) {
            throw new HttpResponseException(
                    refusal.get().status(), refusal.get().error());
        }
    }

    private void screen(Context ctx) {
        Optional<Refusal> refusal = originRefusal(ctx);
        if (refusal.isEmpty() && ctx.method() == HandlerType.OPTIONS) {
            ctx.status(204);
            ctx.skipRemainingHandlers();
            return;
        }
        presentedRole(ctx).ifPresent(role -> ctx.attribute(ROLE_ATTRIBUTE, role));
        boolean open = openPaths.contains(ctx.path())
                || (security.metricsPublic() && ctx.path().equals("/metrics"));
        if (refusal.isEmpty() && !open) {
            refusal = roleRefusal(ctx, isRead(ctx.method()) ? Role.READ : Role.ADMIN);
        }
        refusal.ifPresent(r -> {
            if (r.status() == 401) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", r.status());
            body.put("error", r.error());
            body.put("path", ctx.path());
            JsonResponse.send(ctx, r.status(), body);
            ctx.skipRemainingHandlers();
        });
    }

    private Optional<Refusal> originRefusal(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return Optional.empty(); // not a browser's cross-origin request: curl, Prometheus, another engine
        }
        if (!security.originAllowed(origin, ctx.header("Host"))) {
            return Optional.of(new Refusal(
                    403,
                    "origin " + Printable.of(origin) + " is not allowed to call this"
                            + " server; add it to http.cors_origins (NAUTILUS_HTTP_CORS_ORIGINS)"));
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        return Optional.empty();
    }

    private Optional<Refusal> roleRefusal(Context ctx, Role required) {
        Optional<Role> role = presentedRole(ctx);
        if (role.isEmpty()) {
            return Optional.of(new Refusal(
                    401,
                    tokenSomewhere(ctx)
                            ? "the token is not valid"
                                    + (required == Role.ADMIN && bearer(ctx) == null
                                            ? ", or not where this needs it: a request that changes state needs it in the"
                                                    + " header Authorization: Bearer <token>"
                                            : "")
                            : "a token is required: send the header Authorization: Bearer <token>"
                                    + (required == Role.READ ? " (or ?token=<token>)" : "")));
        }
        ctx.attribute(ROLE_ATTRIBUTE, role.get());
        return role.get().permits(required)
                ? Optional.empty()
                : Optional.of(new Refusal(403, "this needs the admin token; the read token may only read"));
    }

    /** The role of the token where this request may carry it: the header always, query and cookie for reads. */
    private Optional<Role> presentedRole(Context ctx) {
        Optional<Role> byHeader = security.tokens().roleOf(bearer(ctx));
        if (byHeader.isPresent() || !isRead(ctx.method())) {
            return byHeader;
        }
        Optional<Role> byQuery = security.tokens().roleOf(ctx.queryParam("token"));
        if (byQuery.isPresent() || cookie.isEmpty()) {
            return byQuery;
        }
        // the cookie grants reads only, whichever token it holds
        return security.tokens().roleOf(ctx.cookie(cookie.get())).map(r -> Role.READ);
    }

    private boolean tokenSomewhere(Context ctx) {
        return bearer(ctx) != null
                || ctx.queryParam("token") != null
                || cookie.map(ctx::cookie).isPresent();
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.startsWith(BEARER)
                ? header.substring(BEARER.length()).trim()
                : null;
    }

    private static boolean isRead(HandlerType method) {
        return method == HandlerType.GET || method == HandlerType.HEAD;
    }

    private record Refusal(int status, String error) {}
}
