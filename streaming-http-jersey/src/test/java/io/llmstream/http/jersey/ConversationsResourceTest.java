package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.core.port.LlmException;
import io.llmstream.testkit.ScriptedLlmStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationsResourceTest {

    private static final String CONVERSATIONS = "/api/v1/conversations";
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void startServer() {
        server = new TestServer(HttpSettings.defaults().withLimits(2048, 4096, 50), b -> b);
        api = new Api(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetScript() {
        server.llm.script(ScriptedLlmStream.thatStreams("KI", " ist", " Intelligenz [1]."));
    }

    @Test
    void shouldStartAConversationWith201ThreadIdAndRole() {
        String role = CharactersResourceTest.role();
        api.character(role);

        HttpResponse<String> response = server.postJson(CONVERSATIONS, "{\"role\":\"" + role + "\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = Sse.json(response.body());
        assertThat(body.get("thread_id").asText()).hasSize(36);
        assertThat(body.get("role").asText()).isEqualTo(role);
        assertThat(Sse.json(server.get(CONVERSATIONS).body()).findValuesAsText("thread_id"))
                .contains(body.get("thread_id").asText());
    }

    @Test
    void shouldAnswer404WhenStartingWithAnUnknownRole() {
        HttpResponse<String> response = server.postJson(CONVERSATIONS, "{\"role\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body())
                .isEqualTo("{\"statusCode\":404,\"message\":\"Character with role 'x' not found\",\"error\":\"Not Found\"}");
    }

    @Test
    void shouldAnswerAMessageAsOneJsonObjectAndReadItBackWithTheThread() {
        String role = CharactersResourceTest.role();
        String thread = api.conversation(role);
        String document = api.document(role, "Glossar", "KI ist Künstliche Intelligenz.").get("id").asText();
        String request = Sse.JSON.createObjectNode().put("thread_id", thread).put("message", "Was ist KI Intelligenz?")
                .set("search_tool_config", Sse.JSON.createObjectNode().put("strategy", "single_stage")).toString();

        HttpResponse<String> response = server.postJson(CONVERSATIONS + "/message", request);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = Sse.json(response.body());
        assertThat(answer.get("thread_id").asText()).isEqualTo(thread);
        assertThat(answer.get("role").asText()).isEqualTo("assistant");
        assertThat(answer.get("message").asText()).isEqualTo("KI ist Intelligenz [1].");
        assertThat(answer.get("status").asText()).isEqualTo("complete");
        assertThat(answer.get("usage").get("total_tokens").asInt()).isEqualTo(19);
        assertThat(answer.get("citations").get(0).get("metadata").get("documentId").asText()).isEqualTo(document);

        await().atMost(Duration.ofSeconds(5)).until(() -> Sse.json(server.get(CONVERSATIONS + "/" + thread).body())
                .get("messages").size() == 2);
        JsonNode read = Sse.json(server.get(CONVERSATIONS + "/" + thread).body());
        assertThat(read.get("role").asText()).isEqualTo(role);
        JsonNode user = read.get("messages").get(0);
        JsonNode assistant = read.get("messages").get(1);
        assertThat(user.get("role").asText()).isEqualTo("user");
        assertThat(user.get("content").asText()).isEqualTo("Was ist KI Intelligenz?");
        assertThat(assistant.get("role").asText()).isEqualTo("assistant");
        assertThat(assistant.get("status").asText()).isEqualTo("complete");
        assertThat(assistant.get("citations")).hasSize(1);
        assertThat(assistant.get("id").asText()).isEqualTo(answer.get("message_id").asText());
        assertThat(assistant.get("created_at").asText()).isNotBlank();
    }

    @Test
    void shouldReportAFailedAnswerWithItsStatusAndErrorCode() {
        String thread = api.conversation(CharactersResourceTest.role());
        server.llm.script(ScriptedLlmStream.thatStreams("KI").thenFails(LlmException.Code.TIMEOUT, "idle timeout"));

        JsonNode answer = Sse.json(server.postJson(CONVERSATIONS + "/message", Api.message(thread, "Hi")).body());

        assertThat(answer.get("status").asText()).isEqualTo("failed");
        assertThat(answer.get("error_code").asText()).isEqualTo("llm_timeout");
        assertThat(answer.get("message").asText()).isEqualTo("KI");
    }

    @Test
    void shouldAnswer404ForAnUnknownThread() {
        assertThat(server.get(CONVERSATIONS + "/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(server.get(CONVERSATIONS + "/not-an-id").statusCode()).isEqualTo(404);
        assertThat(server.postJson(CONVERSATIONS + "/message", Api.message(UUID.randomUUID().toString(), "Hi"))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer400NamingTheFieldForEveryBadMessageRequest() {
        String thread = api.conversation(CharactersResourceTest.role());
        for (String path : new String[] {CONVERSATIONS + "/message", CONVERSATIONS + "/message/stream"}) {
            assertThat(message(server.postJson(path, "{\"message\":\"Hi\"}"))).isEqualTo("thread_id is required");
            assertThat(message(server.postJson(path, "{\"thread_id\":\"abc\",\"message\":\"Hi\"}")))
                    .isEqualTo("thread_id must be a UUID, was 'abc'");
            assertThat(message(server.postJson(path, "{\"thread_id\":\"" + thread + "\"}"))).isEqualTo("message is required");
            assertThat(message(server.postJson(path, "{\"thread_id\":\"" + thread + "\",\"message\":\" \"}")))
                    .isEqualTo("message is required");
            assertThat(message(server.postJson(path, Api.message(thread, "x".repeat(51)))))
                    .isEqualTo("message must be at most 50 characters, was 51");
            assertThat(message(server.postJson(path, withSearch(thread, "{\"strategy\":\"three_stage\"}"))))
                    .isEqualTo("search_tool_config.strategy must be single_stage or two_stage, was 'three_stage'");
            assertThat(message(server.postJson(path, withSearch(thread, "{\"top_k\":0}"))))
                    .isEqualTo("search_tool_config.top_k must be within 1..50, was 0");
            assertThat(message(server.postJson(path, withSearch(thread, "{\"top_k\":\"four\"}"))))
                    .isEqualTo("search_tool_config.top_k has the wrong type: expected an integer");
            assertThat(message(server.postJson(path, withSearch(thread, "[]"))))
                    .isEqualTo("search_tool_config has the wrong type: expected an object");
            assertThat(message(server.postJson(path, "{\"thread_id\":"))).startsWith("malformed JSON");
        }
    }

    @Test
    void shouldAnswer400ForAListLimitOutOfRange() {
        assertThat(message(server.get(CONVERSATIONS + "?limit=0"))).isEqualTo("limit must be an integer within 1..1000, was '0'");
        assertThat(message(server.get(CONVERSATIONS + "?limit=x"))).isEqualTo("limit must be an integer within 1..1000, was 'x'");
    }

    @Test
    void shouldAnswer413WhenTheBodyExceedsTheLimit() {
        HttpResponse<String> response = server.postJson(CONVERSATIONS + "/message/stream",
                Api.message(UUID.randomUUID().toString(), "x".repeat(3000)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Sse.json(response.body()).get("error").asText()).isEqualTo("Payload Too Large");
    }

    private static String withSearch(String thread, String config) {
        return "{\"thread_id\":\"" + thread + "\",\"message\":\"Hi\",\"search_tool_config\":" + config + "}";
    }

    private static String message(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return Sse.json(response.body()).get("message").asText();
    }
}
