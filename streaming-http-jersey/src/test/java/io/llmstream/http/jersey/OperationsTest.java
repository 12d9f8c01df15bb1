package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, metrics and the OpenAPI document: at the root whatever the base path, without authentication. */
class OperationsTest {

    private static final AtomicReference<Map<String, Boolean>> READINESS = new AtomicReference<>(Map.of());
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = new TestServer(HttpSettings.defaults().withBasePath("/v2api/"), b -> b
                .readiness(() -> {
                    Map<String, Boolean> state = READINESS.get();
                    if (state == null) {
                        throw new IllegalStateException("jdbc:postgresql://db/secret-password");
                    }
                    return state;
                })
                .metrics(() -> "# TYPE streams_active gauge\nstreams_active 0\n")
                .authenticator(request -> {
                    throw new AuthenticationException("missing bearer token");
                }));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void shouldAnswerLivenessWithoutAuthentication() {
        HttpResponse<String> response = server.get("/health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void shouldAnswerReadyOnlyWhenEveryComponentIsUp() {
        READINESS.set(Map.of("database", true, "index", true));
        HttpResponse<String> up = server.get("/health/ready");
        READINESS.set(Map.of("database", false, "index", true));
        HttpResponse<String> down = server.get("/health/ready");
        READINESS.set(null);
        HttpResponse<String> failing = server.get("/health/ready");
        READINESS.set(Map.of());

        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"database\":\"UP\",\"index\":\"UP\"}}");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"database\":\"DOWN\",\"index\":\"UP\"}}");
        assertThat(failing.statusCode()).isEqualTo(503);
        assertThat(failing.body()).doesNotContain("secret").doesNotContain("jdbc");
    }

    @Test
    void shouldServeTheApplicationsPrometheusText() {
        HttpResponse<String> response = server.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain").contains("version=0.0.4");
        assertThat(response.body()).contains("streams_active 0");
    }

    @Test
    void shouldAnswer404ForMetricsWhenTheApplicationSuppliesNone() {
        try (TestServer plain = TestServer.start(Duration.ofSeconds(15))) {
            assertThat(plain.get("/metrics").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void shouldServeTheOpenApiDocumentWithTheConfiguredBasePathAndEveryEndpoint() {
        HttpResponse<String> response = server.get("/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = Sse.json(response.body());
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.get("servers").get(0).get("url").asText()).isEqualTo("/v2api");
        List<String> paths = new ArrayList<>();
        document.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/v1/characters", "/v1/characters/{key}", "/v1/artifacts",
                "/v1/artifacts/{id}", "/v1/conversations", "/v1/conversations/{threadId}", "/v1/conversations/message",
                "/v1/conversations/message/stream", "/v1/chats", "/v1/chats/{chatId}", "/sse/{chatId}/stream",
                "/v1/streams/{streamId}", "/v1/streams/{streamId}/events", "/v1/streams/{streamId}/audio",
                "/v1/streams/{streamId}/stop", "/v1/streams/{streamId}/pause", "/v1/streams/{streamId}/resume",
                "/health/live", "/health/ready", "/metrics");
    }

    @Test
    void shouldServeEveryOperationTheOpenApiDocumentDescribes() {
        JsonNode document = Sse.json(server.get("/openapi.json").body());
        List<String> checked = new ArrayList<>();

        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            boolean operations = path.getValue().get(method).has("servers");
            String url = (operations ? "" : "/v2api") + path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            HttpResponse<String> response = server.send(method.toUpperCase(Locale.ROOT), url, "application/json", "{}");

            assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isNotIn(405, 415);
            assertThat(response.body()).as(method + " " + url).doesNotContain("no endpoint");
            checked.add(method + " " + path.getKey());
        }));
        assertThat(checked).hasSize(27);
    }

    @Test
    void shouldServeTheApiUnderTheConfiguredBasePathOnlyAndAuthenticateIt() {
        HttpResponse<String> api = server.get("/v2api/v1/characters");
        HttpResponse<String> oldPath = server.get("/api/v1/characters");

        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(api.body()).isEqualTo("{\"statusCode\":401,\"message\":\"missing bearer token\",\"error\":\"Unauthorized\"}");
        assertThat(oldPath.statusCode()).isEqualTo(404);
    }
}
