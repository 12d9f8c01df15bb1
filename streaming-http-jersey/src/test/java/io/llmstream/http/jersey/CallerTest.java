package io.llmstream.http.jersey;

import io.llmstream.http.jersey.json.Requests;
import io.llmstream.http.jersey.security.CallerRequest;
import io.llmstream.http.jersey.security.RateLimiter;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pluggable authenticator and rate limiter: owners scope everything, refusals are 401 and 429 JSON. */
class CallerTest {

    private static final List<CallerRequest> SEEN = new CopyOnWriteArrayList<>();
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = new TestServer(HttpSettings.defaults(), b -> b
                .authenticator(request -> {
                    SEEN.add(request);
                    String user = request.header("X-Test-User").orElseThrow(() -> new AuthenticationException("no user"));
                    if (user.equals("boom")) {
                        throw new IllegalStateException("secret-key-123 leaked into an exception");
                    }
                    return user;
                })
                .rateLimiter((owner, request) -> owner.equals("greedy")
                        ? RateLimiter.Decision.refuse(Duration.ofMillis(1500), Map.of("RateLimit-Remaining", "0"))
                        : RateLimiter.Decision.allow(Map.of("RateLimit-Remaining", "99"))));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void shouldScopeEveryResourceToTheAuthenticatedOwner() {
        HttpResponse<String> created = as("alice", "POST", "/api/v1/characters", "{\"role\":\"assistant\"}");
        String id = Sse.json(created.body()).get("id").asText();

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(as("alice", "GET", "/api/v1/characters/assistant", null).statusCode()).isEqualTo(200);
        assertThat(as("bob", "GET", "/api/v1/characters/assistant", null).statusCode()).isEqualTo(404);
        assertThat(as("bob", "DELETE", "/api/v1/characters/" + id, null).statusCode()).isEqualTo(404);
        assertThat(as("bob", "POST", "/api/v1/conversations", "{\"role\":\"assistant\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldHandTheAuthenticatorHeadersPathAndClientAddress() {
        as("carol", "GET", "/api/v1/characters", null);

        CallerRequest request = SEEN.getLast();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/api/v1/characters");
        assertThat(request.header("x-test-user")).hasValue("carol");
        assertThat(request.remoteAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldAnswer401WithABearerChallengeWhenAuthenticationFails() {
        HttpResponse<String> response = server.get("/api/v1/characters");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(Sse.json(response.body()).get("message").asText()).isEqualTo("no user");
    }

    @Test
    void shouldAnswer429WithRetryAfterAndTheLimitersHeaders() {
        HttpResponse<String> refused = as("greedy", "GET", "/api/v1/characters", null);
        HttpResponse<String> allowed = as("dave", "GET", "/api/v1/characters", null);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(refused.body()).isEqualTo(
                "{\"statusCode\":429,\"message\":\"too many requests; retry after 2 s\",\"error\":\"Too Many Requests\"}");
        assertThat(allowed.headers().firstValue("RateLimit-Remaining")).hasValue("99");
    }

    @Test
    void shouldAnswer500WithoutStackTraceOrSecretWhenSomethingBreaks() {
        HttpResponse<String> response = as("boom", "GET", "/api/v1/characters", null);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"statusCode\":500,\"message\":\"internal error; the details are in "
                + "the server's log\",\"error\":\"Internal Server Error\"}");
    }

    @Test
    void shouldLeaveHealthUnauthenticated() {
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> as(String user, String method, String path, String json) {
        try {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(server.uri(path))
                    .header("X-Test-User", user)
                    .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                            : java.net.http.HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            return server.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
