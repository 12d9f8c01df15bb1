package io.llmstream.http.jersey;

import io.llmstream.http.jersey.security.JwtPolicy;
import io.llmstream.http.jersey.security.NimbusJwtAuthenticator;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.http.jersey.security.Tokens;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Several hundred generated requests, well-formed and not, against the HTTP layer with and without authentication:
 * none is answered 5xx, none leaks a stack trace or an HTML page, none is left unanswered.
 */
class HttpFuzzTest {

    private static final int CASES = 300;
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE",
            "CONNECT", "BREW", "G@T", "get", "POST ", "");
    private static final List<String> PATHS = List.of("/api/v1/characters", "/api/v1/chats", "/api/v1/conversations",
            "/api/v1/conversations/message", "/api/v1/conversations/message/stream", "/api/sse/%s/stream",
            "/api/v1/artifacts", "/health/live", "/health/ready", "/metrics", "/openapi.json", "/api/v1/characters/%s",
            "/api/v1/chats/%s", "*", "http://x/api/v1/chats", "/", "");
    private static final List<String> VERSIONS = List.of("HTTP/1.1", "HTTP/1.0", "HTTP/1.1", "HTTP/1.1", "HTTP/2.0", "HTTP/0.9",
            "HTTP/1.2", "http/1.1", "HTTP/11", "HTTP/1.1 x", "", "HTTP/");
    private static final List<String> BODIES = List.of("{}", "{\"message\":\"hi\"}", "{\"role\":\"r\",\"role\":\"s\"}", "[",
            "{\"title\":" + "[".repeat(2000) + "}", "null", "\"x\"", "{\"top_k\":1e999}", "{\"message\":\"\\u0000\"}",
            "{\"thread_id\":\"00000000-0000-0000-0000-000000000000\",\"message\":\"x\"}", "\u00ff\u00fe", "");

    @Test
    void shouldNeverAnswer5xxLeakOrHangOnGeneratedRequestsWithoutAuthentication() throws Exception {
        try (TestServer server = new TestServer(HttpSettings.defaults(), b -> b, c -> c.withBodyTimeout(Duration.ofSeconds(1)))) {
            fuzz(server, new Random(18), () -> null);
        }
    }

    @Test
    void shouldNeverAnswer5xxLeakOrHangOnGeneratedRequestsWithAuthentication() throws Exception {
        try (TestServer server = new TestServer(HttpSettings.defaults(),
                b -> b.authenticator(NimbusJwtAuthenticator.sharedSecret(Tokens.SECRET.getBytes(StandardCharsets.UTF_8),
                        JwtPolicy.defaults())), c -> c.withBodyTimeout(Duration.ofSeconds(1)))) {
            String token = Tokens.hs256("fuzzer");
            Random random = new Random(1818);
            fuzz(server, random, () -> random.nextInt(4) == 0 ? "garbage." + token : token);
        }
    }

    private static void fuzz(TestServer server, Random random, Supplier<String> token) throws Exception {
        for (int i = 0; i < CASES; i++) {
            byte[] request = generate(random, token.get());
            String shown = new String(request, StandardCharsets.ISO_8859_1);
            RawHttp.Answer answer = RawHttp.exchange(server.root, request, 5_000).described(shown.length() > 300
                    ? shown.substring(0, 300) + "..." : shown);

            assertThat(answer.timedOut()).as("answered or closed in time: %s", answer).isFalse();
            assertThat(answer.status() == -1 ? answer.body() : "").as("nothing but HTTP: %s", answer).isEmpty();
            if (answer.status() != -1) {
                assertThat(answer.status()).as("status of %s", answer).isLessThan(500).isGreaterThanOrEqualTo(100);
                assertThat(answer.body()).as(answer.toString()).doesNotContain("Exception").doesNotContain("at org.")
                        .doesNotContainIgnoringCase("<html");
                if (answer.status() >= 400 && !shown.startsWith("HEAD")) {
                    JsonNode body = Sse.json(answer.body());
                    assertThat(body.path("statusCode").asInt()).as(answer.toString()).isEqualTo(answer.status());
                    assertThat(answer.header("content-type")).as(answer.toString()).startsWith("application/json");
                }
            }
        }
    }

    private static byte[] generate(Random random, String token) {
        String method = pick(random, METHODS);
        String path = mutatePath(random, pick(random, PATHS).replace("%s", random.nextBoolean()
                ? "00000000-0000-0000-0000-000000000000" : "x"));
        String version = pick(random, VERSIONS);
        byte[] body = pick(random, BODIES).getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(version.isEmpty() ? "" : " " + version)
                .append("\r\n");
        if (random.nextInt(10) > 0) {
            head.append("Host: x\r\n");
        }
        if (token != null && random.nextInt(5) > 0) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (random.nextInt(4) > 0) {
            head.append("Content-Type: ").append(pick(random, List.of("application/json", "text/plain", "application/json; charset=latin1",
                    "multipart/form-data; boundary=x", "*/*", "application/json;;", "\u00e4/\u00f6"))).append("\r\n");
        }
        switch (random.nextInt(8)) {
            case 0 -> head.append("Transfer-Encoding: chunked\r\nContent-Length: ").append(body.length).append("\r\n");
            case 1 -> head.append("Content-Length: ").append(body.length).append("\r\nContent-Length: ").append(body.length + 1)
                    .append("\r\n");
            case 2 -> head.append("Content-Length: -").append(body.length).append("\r\n");
            case 3 -> head.append("Content-Length: ").append(body.length + 3).append("\r\n"); // never completed: 408
            case 4 -> head.append(pick(random, List.of("X Bad: y", ": empty", "Nocolon", " folded", "X-\u0001: y", "Accept: \u0000")))
                    .append("\r\n").append("Content-Length: ").append(body.length).append("\r\n");
            case 5 -> head.append("Accept: ").append(pick(random, List.of("text/event-stream", "image/png", "*/*", "application/json")))
                    .append("\r\nContent-Length: ").append(body.length).append("\r\n");
            default -> head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static String mutatePath(Random random, String path) {
        if (path.isEmpty() || random.nextInt(3) > 0) {
            return path;
        }
        int at = random.nextInt(path.length());
        String insert = pick(random, List.of("%", "%G1", "%C3%28", "%00", "%2F", "..", "/../..", "//", " ", "\"", "<", "{", "|",
                "\u00e4", "\\", "?a=%ZZ", "#x", ";jsessionid=1", "%u0041", "\t", "\u0001"));
        return path.substring(0, at) + insert + path.substring(at);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
