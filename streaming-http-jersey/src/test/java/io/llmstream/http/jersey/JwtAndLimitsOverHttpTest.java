package io.llmstream.http.jersey;

import io.llmstream.http.jersey.security.Bucket4jRateLimiter;
import io.llmstream.http.jersey.security.JwtPolicy;
import io.llmstream.http.jersey.security.NimbusJwtAuthenticator;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.http.jersey.security.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JWT authenticator, the Bucket4j limiter and the configurable field limits, wired into the API, over sockets. */
class JwtAndLimitsOverHttpTest {

    private static final int LIMIT = 8;
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = new TestServer(HttpSettings.defaults().withFieldLimits(new HttpSettings.FieldLimits(10, 20, 50, 5)),
                b -> b.authenticator(NimbusJwtAuthenticator.sharedSecret(Tokens.SECRET.getBytes(StandardCharsets.UTF_8),
                        JwtPolicy.defaults())).rateLimiter(Bucket4jRateLimiter.perUser(LIMIT)));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void shouldAnswer401WithABearerChallengeWithoutAToken() {
        HttpResponse<String> response = send(null, "GET", "/api/v1/characters", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(Sse.json(response.body()).get("error").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void shouldAnswer401InvalidTokenForAnExpiredForgedOrUnsignedToken() {
        String expired = Tokens.hs256(Tokens.SECRET, Tokens.claims("exp-user",
                b -> b.expirationTime(Date.from(Instant.now().minusSeconds(3600)))));
        String forged = Tokens.hs256("a-different-secret-which-is-also-long-enough", Tokens.claims("forger", b -> b));
        String none = Tokens.unsigned("none-user");

        for (String token : new String[] {expired, forged, none}) {
            HttpResponse<String> response = send(token, "GET", "/api/v1/characters", null);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer error=\"invalid_token\""));
            assertThat(response.body()).doesNotContain(token).doesNotContain(Tokens.SECRET);
        }
    }

    @Test
    void shouldScopeResourcesToTheTokensSubject() {
        String alice = Tokens.hs256("jwt-alice");
        String bob = Tokens.hs256("jwt-bob");
        HttpResponse<String> chat = send(alice, "POST", "/api/v1/chats", "{\"title\":\"Privat\"}");
        String chatId = Sse.json(chat.body()).get("chat_id").asText();

        assertThat(chat.statusCode()).isEqualTo(201);
        assertThat(send(alice, "GET", "/api/v1/chats/" + chatId, null).statusCode()).isEqualTo(200);
        assertThat(send(bob, "GET", "/api/v1/chats/" + chatId, null).statusCode()).isEqualTo(404);
        assertThat(send(bob, "POST", "/api/sse/" + chatId + "/stream", "{\"message\":\"Hallo\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceAUserIsOverTheLimitAndLeaveOthersAndHealthAlone() {
        String greedy = Tokens.hs256("greedy");
        for (int i = 0; i < LIMIT; i++) {
            HttpResponse<String> allowed = send(greedy, "GET", "/api/v1/characters", null);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(LIMIT - 1 - i));
        }

        HttpResponse<String> refused = send(greedy, "GET", "/api/v1/characters", null);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
        assertThat(refused.headers().firstValue("RateLimit-Limit")).hasValue(Integer.toString(LIMIT));
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(refused.headers().firstValue("RateLimit-Reset")).isPresent();
        assertThat(Sse.json(refused.body()).get("statusCode").asInt()).isEqualTo(429);
        assertThat(send(Tokens.hs256("modest"), "GET", "/api/v1/characters", null).statusCode()).isEqualTo(200);
        assertThat(send(null, "GET", "/health/live", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer400NamingTheFieldAndTheConfiguredLimit() {
        String user = Tokens.hs256("limits");

        assertThat(refusal(user, "/api/v1/characters", "{\"role\":\"a-very-long-role\"}")).contains("role").contains("at most 10");
        assertThat(refusal(user, "/api/v1/characters", "{\"role\":\"x' OR 1=1\"}")).contains("role may contain only");
        assertThat(refusal(user, "/api/v1/characters", "{\"role\":\"ok\",\"system_prompt\":\"" + "p".repeat(51) + "\"}"))
                .contains("system_prompt").contains("at most 50");
        assertThat(refusal(user, "/api/v1/chats", "{\"title\":\"" + "t".repeat(21) + "\"}")).contains("title").contains("at most 20");
        assertThat(refusal(user, "/api/v1/artifacts", "{\"role\":\"ok\",\"title\":\"" + "t".repeat(21) + "\",\"content\":\"x\"}"))
                .contains("title").contains("at most 20");
        send(user, "POST", "/api/v1/characters", "{\"role\":\"ok\"}");
        String thread = Sse.json(send(user, "POST", "/api/v1/conversations", "{\"role\":\"ok\"}").body()).get("thread_id").asText();
        assertThat(refusal(user, "/api/v1/conversations/message/stream", "{\"thread_id\":\"" + thread
                + "\",\"message\":\"Hi\",\"search_tool_config\":{\"top_k\":6}}")).contains("search_tool_config.top_k must be within 1..5");
    }

    @Test
    void shouldAnswer404WithoutALookupForARoleThatCannotExist() {
        String user = Tokens.hs256("roles");

        assertThat(send(user, "GET", "/api/v1/characters/" + "r".repeat(11), null).statusCode()).isEqualTo(404);
        assertThat(send(user, "GET", "/api/v1/artifacts?role=%27%3B--", null).statusCode()).isEqualTo(404);
    }

    private static String refusal(String token, String path, String json) {
        HttpResponse<String> response = send(token, "POST", path, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = Sse.json(response.body());
        return body.get("message").asText();
    }

    private static HttpResponse<String> send(String token, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return server.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
