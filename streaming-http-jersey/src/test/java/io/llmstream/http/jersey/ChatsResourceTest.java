package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChatsResourceTest {

    private static final String CHATS = "/api/v1/chats";
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
    void shouldCreateAChatWithoutABody() {
        HttpResponse<String> response = server.send("POST", CHATS, null, null);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(Sse.json(response.body()).get("chat_id").asText()).hasSize(36);
    }

    @Test
    void shouldCreateAChatWithTitleProviderAndModel() {
        HttpResponse<String> response = server.postJson(CHATS, "{\"title\":\"Urlaub\",\"provider\":\"scripted\",\"model\":\"m\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = Sse.json(response.body());
        assertThat(body.get("title").asText()).isEqualTo("Urlaub");
        assertThat(body.get("provider").asText()).isEqualTo("scripted");
        assertThat(body.get("model").asText()).isEqualTo("m");
    }

    @Test
    void shouldReadAChatWithItsMessages() {
        String chat = Sse.json(server.postJson(CHATS, "{}").body()).get("chat_id").asText();
        server.postJson("/api/sse/" + chat + "/stream", "{\"message\":\"Hallo!\"}");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> Sse.json(server.get(CHATS + "/" + chat).body()).get("messages").size() == 2);
        JsonNode read = Sse.json(server.get(CHATS + "/" + chat).body());
        assertThat(read.get("chat_id").asText()).isEqualTo(chat);
        assertThat(read.get("messages").get(0).get("content").asText()).isEqualTo("Hallo!");
        assertThat(read.get("messages").get(1).get("content").asText()).isEqualTo("Hallo Welt");
        assertThat(read.get("messages").get(1).get("status").asText()).isEqualTo("complete");
    }

    @Test
    void shouldAnswer404ForAnUnknownChat() {
        assertThat(server.get(CHATS + "/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(server.get(CHATS + "/x").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer400NamingTheBadField() {
        assertThat(message(server.postJson(CHATS, "{\"provider\":\"nope\"}"))).startsWith("provider: unknown provider 'nope'");
        assertThat(message(server.postJson(CHATS, "{\"title\":\"" + "t".repeat(201) + "\"}"))).startsWith("title must be at most 200");
        assertThat(message(server.postJson(CHATS, "{\"title\":7}"))).isEqualTo("title has the wrong type: expected a string");
        assertThat(message(server.postJson(CHATS, "{\"title\":"))).startsWith("malformed JSON");
    }

    @Test
    void shouldAnswer415ForABodyThatIsNotJson() {
        assertThat(server.send("POST", CHATS, "text/plain", "title=x").statusCode()).isEqualTo(415);
    }

    private static String message(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return Sse.json(response.body()).get("message").asText();
    }
}
