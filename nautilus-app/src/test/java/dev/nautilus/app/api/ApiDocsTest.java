package dev.nautilus.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.dashboard.HeadlessChromium;
import dev.nautilus.app.security.AccessTokens;
import dev.nautilus.app.security.AllowedOrigins;
import dev.nautilus.app.security.HttpSecurity;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.memory.InMemoryConfig;
import dev.nautilus.bus.memory.InMemoryTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Swagger UI at {@code /docs}: served offline from the webjar, behind the read token like every other path. */
class ApiDocsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AccessTokens TOKENS =
            AccessTokens.configured("docs-test-admin-token-0123456789", Optional.empty());

    private static MessageBus bus;
    private static BackendApi api;
    private static String base;

    @BeforeAll
    static void start() {
        bus = InMemoryTransport.dualBus(RoutingTable.defaults(), InMemoryConfig.defaults());
        HttpSecurity security = new HttpSecurity(HttpSecurity.LOOPBACK, TOKENS, false, new AllowedOrigins(List.of()));
        api = BackendApi.start(bus, Optional.empty(), List.of(), List.of(), "docs-test", security, 0, Optional.empty());
        base = "http://127.0.0.1:" + api.port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageItsAssetsAndTheDocumentAnswerWithTheReadToken() throws Exception {
        String query = "?token=" + TOKENS.read();
        HttpResponse<String> page = get("/docs" + query);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        // the page names its assets and the document; the token it passes on comes from its own URL
        assertThat(page.body())
                .contains(
                        "'/docs/swagger-ui-bundle.js'",
                        "'/docs/swagger-ui.css'",
                        "url: '/openapi.json'",
                        "requestInterceptor",
                        "'Bearer ' + token")
                .doesNotContain(TOKENS.read());

        HttpResponse<String> bundle = get("/docs/swagger-ui-bundle.js" + query);
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        HttpResponse<String> css = get("/docs/swagger-ui.css" + query);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        assertThat(css.body()).contains(".swagger-ui");

        // what the UI's request interceptor sends for the document
        HttpResponse<String> document = get("/openapi.json", "Authorization", "Bearer " + TOKENS.read());
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("\"openapi\"", "Nautilus Backend API");
    }

    @Test
    void withoutTheTokenNothingOfTheDocumentationIsServed() throws Exception {
        for (String path : List.of("/docs", "/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css", "/openapi.json")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path + "?token=not-the-token-0123456789").statusCode())
                    .as(path)
                    .isEqualTo(401);
        }
    }

    @Test
    void onlyTheFilesThePageUsesAreServedFromTheWebjar() throws Exception {
        String query = "?token=" + TOKENS.read();
        for (String path : List.of(
                "/docs/index.html",
                "/docs/swagger-initializer.js",
                "/docs/oauth2-redirect.html",
                "/docs/pom.properties",
                "/docs/..%2F..%2Fmaven%2Forg.webjars%2Fswagger-ui%2Fpom.properties")) {
            HttpResponse<String> response = get(path + query);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as(path)
                    .startsWith("application/json");
        }
    }

    @Test
    void aBrowserShowsEveryOperationOfTheDocument(@TempDir Path profile) {
        ChromeDriver browser = HeadlessChromium.start(profile);
        try {
            browser.get(base + "/docs?token=" + TOKENS.read());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(50));
            // the operations appear only once the document was fetched, which only the bearer header allows
            wait.until(d -> d.findElements(By.cssSelector(".opblock")).size() >= 20);
            assertThat(browser.findElement(By.cssSelector(".information-container .title"))
                            .getText())
                    .contains("Nautilus Backend API");
            assertThat(browser.findElements(By.cssSelector(".opblock-summary-path")).stream()
                            .map(e -> e.getText())
                            .toList())
                    .contains("/api/dead-letters/{bus}/{id}/replay");
            HeadlessChromium.screenshot(browser, Path.of("target", "api-docs.png"));
        } finally {
            browser.quit();
        }
    }
}
