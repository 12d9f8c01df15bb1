package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** Creates what a test needs through the API itself. */
final class Api {

    private final TestServer server;

    Api(TestServer server) {
        this.server = server;
    }

    String character(String role) {
        HttpResponse<String> response = server.postJson("/api/v1/characters",
                "{\"role\":\"" + role + "\",\"system_prompt\":\"Du bist hilfsbereit.\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Sse.json(response.body()).get("id").asText();
    }

    String conversation(String role) {
        character(role);
        HttpResponse<String> response = server.postJson("/api/v1/conversations", "{\"role\":\"" + role + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Sse.json(response.body()).get("thread_id").asText();
    }

    String chat() {
        HttpResponse<String> response = server.postJson("/api/v1/chats", "{\"title\":\"Test\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Sse.json(response.body()).get("chat_id").asText();
    }

    JsonNode document(String role, String title, String content) {
        HttpResponse<String> response = server.postJson("/api/v1/artifacts", Sse.JSON.createObjectNode()
                .put("role", role).put("title", title).put("content", content).put("content_type", "text/markdown").toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Sse.json(response.body());
    }

    static String message(String threadId, String text) {
        return Sse.JSON.createObjectNode().put("thread_id", threadId).put("message", text).toString();
    }
}
