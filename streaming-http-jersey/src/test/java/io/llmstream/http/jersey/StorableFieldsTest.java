package io.llmstream.http.jersey;

import io.llmstream.http.jersey.json.StoredColumn;
import io.llmstream.http.jersey.security.CallerFilter;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.Character;
import io.llmstream.core.model.Chat;
import io.llmstream.core.model.KnowledgeDocument;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Nothing is accepted that the database cannot store as it was sent: refused with 400 naming the field. */
class StorableFieldsTest {

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(Duration.ofSeconds(15));
        api = new Api(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void shouldRefuseAMessageWithUPlus0000BeforeAnythingIsStreamedOrStored() {
        String chat = api.chat();
        int saved = server.store.saveLog().size();

        HttpResponse<String> response = server.postJson("/api/sse/" + chat + "/stream", "{\"message\":\"a\\u0000b\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Sse.json(response.body()).get("message").asText()).isEqualTo(
                "message contains the character U+0000, which cannot be stored");
        assertThat(server.store.saveLog()).hasSize(saved);
    }

    @Test
    void shouldRefuseAnUnpairedSurrogateRatherThanStoreAQuestionMark() {
        String chat = api.chat();

        for (String text : new String[] {"\\ud800", "x\\udc00y", "\\ud83d"}) {
            HttpResponse<String> response = server.postJson("/api/sse/" + chat + "/stream", "{\"message\":\"" + text + "\"}");
            assertThat(response.statusCode()).as(text).isEqualTo(400);
            assertThat(Sse.json(response.body()).get("message").asText()).startsWith("message contains an unpaired surrogate");
        }
    }

    @Test
    void shouldAcceptAPairedSurrogateAsText() {
        String chat = api.chat();

        HttpResponse<String> response = server.postJson("/api/sse/" + chat + "/stream", "{\"message\":\"Hallo \\ud83d\\ude00\"}");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAModelLongerThanItsColumnBeforeStreaming() {
        String chat = api.chat();

        HttpResponse<String> response = server.postJson("/api/sse/" + chat + "/stream",
                "{\"message\":\"Hallo\",\"model\":\"" + "m".repeat(256) + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Sse.json(response.body()).get("message").asText()).isEqualTo("model must be at most 255 characters, was 256");
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/characters, '{\"role\":\"r1\",\"agent\":\"%s\"}', agent, 255",
        "/api/v1/characters, '{\"role\":\"r2\",\"voice_id\":\"%s\"}', voice_id, 255",
        "/api/v1/characters, '{\"role\":\"r3\",\"voice_model\":\"%s\"}', voice_model, 255",
        "/api/v1/characters, '{\"role\":\"r4\",\"provider\":\"%s\"}', provider, 100",
        "/api/v1/characters, '{\"role\":\"r5\",\"model\":\"%s\"}', model, 255",
        "/api/v1/chats, '{\"title\":\"%s\"}', title, 200",
        "/api/v1/chats, '{\"model\":\"%s\"}', model, 255",
        "/api/v1/chats, '{\"provider\":\"%s\"}', provider, 100",
        "/api/v1/artifacts, '{\"role\":\"r6\",\"title\":\"t\",\"content\":\"c\",\"content_type\":\"%s\"}', content_type, 255",
    })
    void shouldRefuseEveryOverLongStoredFieldNamingItAndItsLimit(String path, String template, String field, int limit) {
        HttpResponse<String> response = server.postJson(path, template.formatted("x".repeat(limit + 1)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Sse.json(response.body()).get("message").asText())
                .isEqualTo(field + " must be at most " + limit + " characters, was " + (limit + 1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/v1/characters | {\"role\":\"n1\",\"agent\":\"a\\u0000\"} | agent",
        "/api/v1/characters | {\"role\":\"n2\",\"system_prompt\":\"\\u0000\"} | system_prompt",
        "/api/v1/characters | {\"role\":\"n3\",\"custom_parameters\":{\"k\":\"\\u0000\"}} | custom_parameters.k",
        "/api/v1/chats | {\"title\":\"\\u0000\"} | title",
    })
    void shouldRefuseUPlus0000InAnyStoredField(String path, String json, String field) {
        HttpResponse<String> response = server.postJson(path, json);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Sse.json(response.body()).get("message").asText()).startsWith(field + " contains the character U+0000");
    }

    @Test
    void shouldRefuseAFractionalOrNonFiniteTopK() throws Exception {
        String thread = api.conversation("zahlen");
        for (String topK : new String[] {"4.5", "1e999", "4.0", "-1e999"}) {
            HttpResponse<String> response = server.postJson("/api/v1/conversations/message/stream",
                    "{\"thread_id\":\"" + thread + "\",\"message\":\"x\",\"search_tool_config\":{\"top_k\":" + topK + "}}");
            assertThat(response.statusCode()).as(topK).isEqualTo(400);
            assertThat(Sse.json(response.body()).get("message").asText()).as(topK)
                    .isEqualTo("search_tool_config.top_k has the wrong type: expected an integer");
        }
    }

    @Test
    void shouldRefuseANonFiniteCustomParameter() {
        HttpResponse<String> response = server.postJson("/api/v1/characters",
                "{\"role\":\"unendlich\",\"custom_parameters\":{\"temperature\":1e999}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Sse.json(response.body()).get("message").asText()).isEqualTo("custom_parameters.temperature must be a finite number");
    }

    @Test
    void shouldRefuseDuplicateKeysInABody() {
        HttpResponse<String> response = server.postJson("/api/v1/characters", "{\"role\":\"eins\",\"role\":\"zwei\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Sse.json(response.body()).get("message").asText()).contains("Duplicate field 'role'");
        assertThat(server.get("/api/v1/characters/zwei").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldKeepTheCoresLimitsEqualToTheColumns() {
        assertThat(Character.MAX_ROLE_LENGTH).isEqualTo(StoredColumn.CHARACTER_ROLE.maxLength());
        assertThat(Character.MAX_SYSTEM_PROMPT_LENGTH).isEqualTo(StoredColumn.CHARACTER_SYSTEM_PROMPT.maxLength());
        assertThat(KnowledgeDocument.MAX_TITLE_LENGTH).isEqualTo(StoredColumn.DOCUMENT_TITLE.maxLength());
        assertThat(Chat.MAX_TITLE_LENGTH).isEqualTo(StoredColumn.CHAT_TITLE.maxLength());
        assertThat(CallerFilter.MAX_OWNER_LENGTH).isEqualTo(StoredColumn.OWNER_ID.maxLength());
    }
}
