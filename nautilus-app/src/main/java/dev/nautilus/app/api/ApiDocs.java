package dev.nautilus.app.api;

import dev.nautilus.bus.Printable;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * Swagger UI over {@code /openapi.json}, at {@code /docs}: the page is ours ({@value #PAGE}), the UI's
 * files come from the swagger-ui webjar on the class path, so it works offline. Like every other
 * path of the API it needs the read token: the page is opened as {@code /docs?token=…} and passes the
 * token on to its assets and, as a bearer header, to the requests Swagger UI makes.
 */
final class ApiDocs {

    static final String PAGE = "/nautilus/api-docs.html";
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    /** The webjar's files the page uses, with their content types: nothing else of the jar is served. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");

    private final String page;
    private final String assets;

    ApiDocs() {
        this.page = ApiServer.readResource(PAGE);
        this.assets = WEBJAR + webjarVersion() + "/";
        for (String asset : ASSETS.keySet()) {
            if (ApiDocs.class.getResource(assets + asset) == null) {
                throw new IllegalStateException(
                        "swagger-ui asset " + assets + asset + " is missing from the class path");
            }
        }
    }

    /** {@code GET /docs}. */
    void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8")
                .header("Cache-Control", "no-store")
                .result(page);
    }

    /** {@code GET /docs/{file}}: one of the UI's files, or 404. */
    void asset(Context ctx) {
        String file = ctx.pathParam("file");
        String type = ASSETS.get(file);
        if (type == null) {
            throw ApiException.notFound("no such file of the API documentation: " + Printable.of(file));
        }
        InputStream in = ApiDocs.class.getResourceAsStream(assets + file);
        ctx.contentType(type).header("X-Content-Type-Options", "nosniff").result(in);
    }

    private static String webjarVersion() {
        Properties properties = new Properties();
        try (InputStream in = ApiDocs.class.getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the swagger-ui webjar is missing from the class path (" + WEBJAR_POM + ")");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WEBJAR_POM, e);
        }
        return properties.getProperty("version");
    }
}
