package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo page and its scripts served from the jar over real sockets, and CORS as configured. */
class DemoPageTest {

    private static final String ORIGIN = "http://ui.example.test:3000";

    @TempDir
    static Path dataDir;

    private static AppFixture app;

    @BeforeAll
    static void start() throws Exception {
        app = new AppFixture(dataDir, Map.of("api.base-path", "/chat-api", "cors.allowed-origins", " " + ORIGIN + " ,"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void shouldServeThePageAtTheRootWithItsSecurityPolicyAndTheConfiguredApiPath() throws Exception {
        HttpResponse<String> page = app.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(DemoPage.CSP);
        assertThat(page.body()).contains("<meta name=\"llmstream-api\" content=\"/chat-api\">")
                .contains("data-testid=\"message-input\"", "data-testid=\"answer\"", "data-testid=\"citations\"")
                .doesNotContain("https://", "http://");
    }

    @Test
    void shouldServeThePageScriptAndTheCompiledClientFromTheJar() throws Exception {
        HttpResponse<String> script = app.get("/demo/app.js");
        HttpResponse<String> client = app.get("/demo/client/index.js");
        HttpResponse<String> style = app.get("/demo/style.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=utf-8");
        assertThat(script.body()).contains("from './client/index.js'");
        assertThat(client.statusCode()).isEqualTo(200);
        assertThat(client.body()).contains("export { createClient }");
        assertThat(client.headers().firstValue("Content-Security-Policy")).hasValue(DemoPage.CSP);
        assertThat(style.headers().firstValue("Content-Type")).hasValue("text/css;charset=utf-8");
    }

    @Test
    void shouldAnswer404AsJsonForAnythingButThePagesFiles() throws Exception {
        for (String path : new String[] {"/demo/nope.js", "/demo/index.html", "/demo/client/../app.js.map", "/demo/CLIENT/index.js"}) {
            HttpResponse<String> response = app.get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(app.json(response).get("statusCode").asInt()).as(path).isEqualTo(404);
        }
    }

    @Test
    void shouldAllowTheConfiguredOriginOnly() throws Exception {
        HttpResponse<String> allowed = preflight(ORIGIN);
        HttpResponse<String> other = preflight("http://other.example.test");

        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(other.statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> preflight(String origin) throws Exception {
        return app.http.send(HttpRequest.newBuilder(app.uri("/chat-api/v1/conversations/message/stream")).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
