package dev.nautilus.app.http;

import dev.nautilus.bus.Json;
import io.javalin.http.Context;

/** The one way the app's HTTP servers answer with JSON: status, content type, the project's mapping. */
public final class JsonResponse {

    private JsonResponse() {}

    /** Answers {@code body} serialised as JSON with status 200. */
    public static void ok(Context ctx, Object body) {
        send(ctx, 200, body);
    }

    /** Answers {@code body} serialised as JSON with the given status. */
    public static void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }
}
