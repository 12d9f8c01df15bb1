package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every timestamp the API answers has one precision, microseconds with six digits, as the databases read it back. */
class TimestampsTest {

    private static final String MICROS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";
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
    void shouldAnswerCreatedAtInMicrosecondsWhenCreatedAndWhenReadBack() {
        JsonNode created = Sse.json(server.postJson("/api/v1/chats", "{\"title\":\"Zeit\"}").body());
        String chat = created.get("chat_id").asText();
        server.postJson("/api/sse/" + chat + "/stream", "{\"message\":\"Wie spät?\"}");

        JsonNode read = Sse.json(server.get("/api/v1/chats/" + chat).body());

        assertThat(created.get("created_at").asText()).matches(MICROS).isEqualTo(read.get("created_at").asText());
        for (JsonNode message : read.get("messages")) {
            assertThat(message.get("created_at").asText()).matches(MICROS);
        }
        JsonNode character = Sse.json(server.postJson("/api/v1/characters", "{\"role\":\"uhr\"}").body());
        assertThat(character.get("created_at").asText()).matches(MICROS);
        assertThat(Sse.json(server.get("/api/v1/characters/uhr").body()).get("created_at").asText())
                .isEqualTo(character.get("created_at").asText());
    }
}
