package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.core.usecase.StreamingSettings;
import io.llmstream.testkit.ScriptedLlmStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/ws} over real sockets with the JDK's WebSocket client. */
class WebSocketTest {

    private TestServer server;

    private TestServer start(Duration detachGrace) {
        server = new TestServer(HttpSettings.defaults().withHeartbeatInterval(Duration.ofHours(1)),
                b -> b.authenticator(WebSocketTest::authenticate),
                StreamingSettings.defaults().withDetachGrace(detachGrace),
                io.llmstream.core.usecase.InMemoryStreamEventLog.withDefaults());
        return server;
    }

    /** "Bearer ok-<user>" names the user; anything else is refused. */
    private static String authenticate(CallerRequest request) {
        String header = request.header("Authorization").orElseThrow(
                () -> AuthenticationException.invalidRequest("no token"));
        if (!header.startsWith("Bearer ok-")) {
            throw AuthenticationException.invalidToken("bad token", null);
        }
        return header.substring("Bearer ok-".length());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.core.activeStreams().stopAll("shutdown", "the test is over");
            server.close();
        }
    }

    @Test
    void shouldStreamAWholeChatAnswerOverOneConnection() throws Exception {
        start(Duration.ZERO);
        server.llm.script(ScriptedLlmStream.thatStreams("Hallo", " Welt"));
        String chat = chat("alice");
        try (WsClient ws = connect("alice")) {
            ws.send("{\"type\":\"chat.send\",\"request_id\":\"r1\",\"chat_id\":\"" + chat + "\",\"message\":\"Hi\"}");

            JsonNode started = ws.next("stream.started");
            assertThat(started.get("request_id").asText()).isEqualTo("r1");
            String streamId = started.get("stream_id").asText();
            List<JsonNode> events = ws.streamToTheEnd(streamId);

            assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("chunk", "chunk", "done");
            assertThat(events).extracting(e -> e.get("id").asLong()).containsExactly(1L, 2L, 3L);
            assertThat(events.getLast().get("content").asText()).isEqualTo("Hallo Welt");
            assertThat(events.getLast().get("chatId").asText()).isEqualTo(chat);
        }
    }

    private WsClient connect(String user) throws Exception {
        return WsClient.connect(wsUri(), "Bearer ok-" + user);
    }

    private URI wsUri() {
        return URI.create(server.uri("/api/v1/ws").toString().replaceFirst("^http", "ws"));
    }

    private String chat(String user) throws Exception {
        HttpResponse<String> response = server.http.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/chats"))
                .header("Authorization", "Bearer ok-" + user).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return Sse.json(response.body()).get("chat_id").asText();
    }

    private static String text(List<JsonNode> events) {
        return events.stream().filter(e -> e.get("type").asText().equals("chunk"))
                .map(e -> e.get("content").asText()).collect(Collectors.joining());
    }
}
