package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the container cannot parse is answered in the documented JSON shape, never with HTML or an empty body. */
class MalformedRequestTest {

    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(Duration.ofSeconds(15));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void shouldAnswerABadPercentEscapeInThePathWith400Json() throws Exception {
        for (String path : new String[] {"/api/v1/characters/%ZZ", "/api/v1/chats/%", "/api/%C3%28", "/health/%2"}) {
            assertJsonError(RawHttp.exchange(server.root, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
        }
    }

    @Test
    void shouldAnswerCharactersAUriCannotHoldWith400Json() throws Exception {
        for (String path : new String[] {"/api/v1/chats/a\"b", "/api/v1/{x}", "/api/v1/chats/a|b", "/api/v1/chats/a^b`c"}) {
            assertJsonError(RawHttp.exchange(server.root, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
        }
    }

    @Test
    void shouldAnswerAMalformedRequestLineOrHeaderWithJson() throws Exception {
        String[] requests = {
            "GET\r\nHost: x\r\n\r\n",
            "GET /api/v1/chats HTTP/1.1\r\nHost x\r\n\r\n",
            "GET /api/v1/chats HTTP/1.1\r\n: empty\r\nHost: x\r\n\r\n",
            "GET /api/v1/chats HTTP/1.1\r\n\r\n",
        };
        for (String request : requests) {
            RawHttp.Answer answer = RawHttp.exchange(server.root, request.getBytes(StandardCharsets.ISO_8859_1), 3_000);
            assertJsonError(answer.described(request), 400);
        }
    }

    @Test
    void shouldAnswerAnUnsupportedHttpVersionWith400Json() throws Exception {
        for (String version : new String[] {"HTTP/2.0", "HTTP/3", "HTTP/1.7", "HTTX/1.1", "HTTP/1.1.1"}) {
            RawHttp.Answer answer = RawHttp.exchange(server.root, "GET /health/live " + version + "\r\nHost: x\r\n\r\n");
            assertJsonError(answer.described(version), 400);
        }
    }

    @Test
    void shouldRefuseContentLengthTogetherWithTransferEncoding() throws Exception {
        String body = "{\"title\":\"x\"}";
        RawHttp.Answer answer = RawHttp.exchange(server.root, "POST /api/v1/chats HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");

        assertJsonError(answer, 400);
        assertThat(answer.body()).contains("Content-Length and Transfer-Encoding");
    }

    @Test
    void shouldAnswerHeadersBeyondTheLimitWith431Json() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(server.root, "GET /api/v1/chats HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(ConnectionLimits.DEFAULT_MAX_HEADER_BYTES) + "\r\n\r\n");

        assertJsonError(answer, 431);
    }

    @Test
    void shouldNameTheContentTypeTheClientSentIn415() {
        HttpResponse<String> response = server.send("POST", "/api/v1/characters", "text/csv", "role,agent");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(Sse.json(response.body()).get("message").asText()).contains("'text/csv'").doesNotContain("null");
    }

    @Test
    void shouldRefuseABodyWithoutContentTypeOnAJsonEndpointWith415() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri("/api/v1/characters")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"untyped\"}")).build();

        HttpResponse<String> response = server.http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(Sse.json(response.body()).get("message").asText()).contains("Content-Type");
    }

    static void assertJsonError(RawHttp.Answer answer, int status) {
        assertThat(answer.timedOut()).as("answered in time: %s", answer).isFalse();
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.header("content-type")).as("content type of %s", answer).startsWith("application/json");
        JsonNode body = Sse.json(answer.body());
        assertThat(body.get("statusCode").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("at org.");
        assertThat(body.get("error").asText()).isNotBlank();
    }
}
