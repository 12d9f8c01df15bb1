package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS over real sockets: one server that allows one origin and requires a token, one with the default (no origin). */
class CorsTest {

    private static final String ALLOWED = "http://app.example.test:5173";
    private static final String TOKEN = "Bearer let-me-in";

    private static TestServer server;
    private static TestServer sameOriginOnly;

    @BeforeAll
    static void startServers() {
        server = new TestServer(HttpSettings.defaults().withHeartbeatInterval(Duration.ofHours(1)), api -> api
                .corsAllowedOrigins(List.of(ALLOWED))
                .authenticator(request -> {
                    if (!request.headers().getOrDefault("authorization", List.of()).contains(TOKEN)) {
                        throw AuthenticationException.invalidToken("no valid token", null);
                    }
                    return "alice";
                }));
        sameOriginOnly = TestServer.start(Duration.ofHours(1));
    }

    @AfterAll
    static void stopServers() {
        server.close();
        sameOriginOnly.close();
    }

    @Test
    void shouldAnswerAPreflightFromAnAllowedOriginWithoutCredentials() throws Exception {
        HttpResponse<String> response = preflight(server, "/api/v1/conversations/message/stream", ALLOWED);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("POST"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(h -> assertThat(h).contains("Authorization", "Content-Type"));
    }

    @Test
    void shouldRefuseAPreflightFromAnotherOriginWithAJsonError() throws Exception {
        HttpResponse<String> response = preflight(server, "/api/v1/chats", "http://evil.example.test");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(Sse.json(response.body()).get("message").asText()).contains("CORS_ALLOWED_ORIGINS");
    }

    @Test
    void shouldExposeTheStreamHeadersOfAStreamToAnAllowedOrigin() throws Exception {
        String chat = Sse.json(send(server, HttpRequest.newBuilder(server.uri("/api/v1/chats")).header("Origin", ALLOWED)
                .header("Authorization", TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).body()).get("chat_id").asText();

        HttpResponse<String> stream = send(server, HttpRequest.newBuilder(server.uri("/api/sse/" + chat + "/stream"))
                .header("Origin", ALLOWED).header("Authorization", TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Hallo\"}")));

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("X-Stream-Id")).isPresent();
        assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(stream.headers().firstValue("Access-Control-Expose-Headers"))
                .hasValueSatisfying(h -> assertThat(h).contains("X-Stream-Id", "Content-Location"));
        assertThat(stream.body()).contains("\"type\":\"done\"");
    }

    @Test
    void shouldNameNoOtherOriginByDefault() throws Exception {
        HttpResponse<String> read = send(sameOriginOnly, HttpRequest.newBuilder(sameOriginOnly.uri("/api/v1/characters"))
                .header("Origin", ALLOWED).GET());
        HttpResponse<String> preflight = preflight(sameOriginOnly, "/api/v1/characters", ALLOWED);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> preflight(TestServer target, String path, String origin) throws Exception {
        return send(target, HttpRequest.newBuilder(target.uri(path)).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> send(TestServer target, HttpRequest.Builder request) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
