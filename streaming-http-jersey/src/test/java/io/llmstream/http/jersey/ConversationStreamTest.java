package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.port.LlmException;
import io.llmstream.testkit.ScriptedLlmStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/conversations/message/stream} over a real socket with the JDK HttpClient and a raw socket. */
class ConversationStreamTest {

    private static final String STREAM = "/api/v1/conversations/message/stream";
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(Duration.ofMillis(100));
        api = new Api(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetFakes() {
        server.store.down(false);
        server.knowledge.failing(false);
        server.llm.script(ScriptedLlmStream.thatStreams("KI", " steht", " für Künstliche Intelligenz."));
    }

    @Test
    void shouldStreamUnnamedEventsWithIncreasingIdsAndTheSseHeaders() {
        String thread = api.conversation(role());

        HttpResponse<String> response = server.postJson(STREAM, Api.message(thread, "Was ist KI?"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        List<Sse.Event> events = Sse.parse(response.body());
        assertThat(events).extracting(Sse.Event::type).containsExactly("chunk", "chunk", "chunk", "done");
        assertThat(events).extracting(Sse.Event::id).containsExactly("1", "2", "3", "4");
        assertThat(events).allSatisfy(e -> assertThat(e.lines()).hasSize(2).noneMatch(l -> l.startsWith("event:")));
        assertThat(events.get(0).json().get("content").asText()).isEqualTo("KI");
        assertThat(events).allSatisfy(e -> assertThat(e.json().get("threadId").asText()).isEqualTo(thread));
        JsonNode done = events.get(3).json();
        assertThat(done.get("content").asText()).isEqualTo("KI steht für Künstliche Intelligenz.");
        assertThat(done.get("citations").isArray()).isTrue();
        assertThat(done.get("messageId").asText()).isNotBlank();
        assertThat(done.get("usage").get("totalTokens").asInt()).isEqualTo(19);
    }

    @Test
    void shouldPutTheRetrievedPassagesIntoDoneAsCitationsWhenSearchIsAsked() {
        String role = role();
        String thread = api.conversation(role);
        JsonNode document = api.document(role, "KI-Glossar", "KI steht für Künstliche Intelligenz.\n\nDas Wetter ist schön.");
        String body = Sse.JSON.createObjectNode().put("thread_id", thread).put("message", "Wofür steht KI Intelligenz?")
                .set("search_tool_config", Sse.JSON.createObjectNode().put("strategy", "two_stage").put("top_k", 2))
                .toString();

        HttpResponse<String> response = server.postJson(STREAM, body);

        List<Sse.Event> events = Sse.parse(response.body());
        JsonNode done = events.getLast().json();
        assertThat(done.get("type").asText()).isEqualTo("done");
        JsonNode citation = done.get("citations").get(0);
        assertThat(citation.get("content").asText()).isEqualTo("KI steht für Künstliche Intelligenz.");
        assertThat(citation.get("id").asText()).isNotBlank();
        assertThat(citation.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(citation.get("metadata").get("documentId").asText()).isEqualTo(document.get("id").asText());
        assertThat(citation.get("metadata").get("chunkIndex").asInt()).isZero();
        assertThat(server.knowledge.queries().getLast().config().topK()).isEqualTo(2);
    }

    @Test
    void shouldListInDoneEveryRetrievedPassageWithItsTitleAndStageScores() {
        String role = role();
        String thread = api.conversation(role);
        JsonNode document = api.document(role, "KI-Glossar",
                "KI steht für Künstliche Intelligenz.\n\nIntelligenz misst man nicht am Wetter.");
        String body = Sse.JSON.createObjectNode().put("thread_id", thread).put("message", "Wofür steht KI Intelligenz?")
                .set("search_tool_config", Sse.JSON.createObjectNode().put("strategy", "two_stage").put("top_k", 2))
                .toString();

        JsonNode done = Sse.parse(server.postJson(STREAM, body).body()).getLast().json();

        assertThat(done.get("retrieved")).hasSize(2);
        assertThat(done.get("citations")).singleElement()
                .satisfies(c -> assertThat(c.get("content").asText()).isEqualTo("KI steht für Künstliche Intelligenz."));
        JsonNode first = done.get("retrieved").get(0);
        assertThat(first.get("metadata").get("title").asText()).isEqualTo("KI-Glossar");
        assertThat(first.get("metadata").get("documentId").asText()).isEqualTo(document.get("id").asText());
        assertThat(first.get("firstStageRank").asInt()).isEqualTo(1);
        assertThat(first.get("firstStageScore").asDouble()).isBetween(0.0, 1.0);
        assertThat(first.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(first.has("secondStageScore")).as("null, not absent, without a second stage").isTrue();
        assertThat(done.get("retrieved").get(1).get("firstStageRank").asInt()).isEqualTo(2);
    }

    @Test
    void shouldStillAnswerWithoutCitationsWhenRetrievalFails() {
        String role = role();
        String thread = api.conversation(role);
        api.document(role, "Doc", "KI steht für Künstliche Intelligenz.");
        server.knowledge.failing(true);
        String body = Sse.JSON.createObjectNode().put("thread_id", thread).put("message", "Was ist KI?")
                .set("search_tool_config", Sse.JSON.createObjectNode()).toString();

        List<Sse.Event> events = Sse.parse(server.postJson(STREAM, body).body());

        assertThat(events.getLast().type()).isEqualTo("done");
        assertThat(events.getLast().json().get("citations")).isEmpty();
    }

    @Test
    void shouldAnswer404JsonAndNoSseWhenTheThreadIsUnknown() throws Exception {
        String unknown = UUID.randomUUID().toString();

        try (Sse.RawClient client = new Sse.RawClient(server.root)) {
            Sse.RawResponse response = Sse.RawResponse.of(client.post(STREAM, Api.message(unknown, "Hallo")).readAll());

            assertThat(response.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
            assertThat(response.headers().get("content-type")).isEqualTo("application/json");
            assertThat(Sse.json(response.body()).toString()).isEqualTo("{\"statusCode\":404,\"message\":\"Conversation '"
                    + unknown + "' not found\",\"error\":\"Not Found\"}");
        }
        assertThat(server.store.saveLog()).noneMatch(m -> m.dialogue().id().toString().equals(unknown));
    }

    @Test
    void shouldAnswer400NamingTheProviderWhenItIsUnknown() {
        String thread = api.conversation(role());
        String body = Sse.JSON.createObjectNode().put("thread_id", thread).put("message", "Hi").put("provider", "nope")
                .toString();

        HttpResponse<String> response = server.postJson(STREAM, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Sse.json(response.body()).get("message").asText()).contains("provider 'nope'");
    }

    @Test
    void shouldAnswer503WhenTheStoreCannotLoadTheThread() {
        String thread = api.conversation(role());
        server.store.down(true);

        HttpResponse<String> response = server.postJson(STREAM, Api.message(thread, "Hi"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(Sse.json(response.body()).get("error").asText()).isEqualTo("Service Unavailable");
    }

    @Test
    void shouldEndWithAnErrorEventAndPersistThePartialAnswerAsFailedWhenTheLlmFailsMidStream() {
        String thread = api.conversation(role());
        server.llm.script(ScriptedLlmStream.thatStreams("Hal").thenFails(LlmException.Code.UPSTREAM_ERROR, "overloaded"));

        List<Sse.Event> events = Sse.parse(server.postJson(STREAM, Api.message(thread, "Hi")).body());

        assertThat(events).extracting(Sse.Event::type).containsExactly("chunk", "error");
        JsonNode error = events.getLast().json();
        assertThat(error.fieldNames()).toIterable().containsExactly("type", "message", "code", "threadId");
        assertThat(error.get("code").asText()).isEqualTo("llm_upstream_error");
        assertThat(error.get("message").asText()).isEqualTo("overloaded");
        assertThat(error.get("threadId").asText()).isEqualTo(thread);
        await().atMost(Duration.ofSeconds(5)).until(() -> answer(thread) != null);
        assertThat(answer(thread).status()).isEqualTo(MessageStatus.FAILED);
        assertThat(answer(thread).content()).isEqualTo("Hal");
    }

    @Test
    void shouldEndWithAnErrorEventWhenTheLlmCannotBeReached() {
        String thread = api.conversation(role());
        server.llm.script(ScriptedLlmStream.thatFailsToOpen(LlmException.Code.CONNECT_FAILED, "connection refused"));

        HttpResponse<String> response = server.postJson(STREAM, Api.message(thread, "Hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        List<Sse.Event> events = Sse.parse(response.body());
        assertThat(events).extracting(Sse.Event::type).containsExactly("error");
        assertThat(events.getFirst().id()).isEqualTo("1");
        assertThat(events.getFirst().json().get("code").asText()).isEqualTo("llm_connect_failed");
    }

    @Test
    void shouldWriteHeartbeatCommentsWhileTheUpstreamIsSilent() throws Exception {
        String thread = api.conversation(role());
        ScriptedLlmStream silent = server.llm.script(ScriptedLlmStream.thatStreams("Hi").thenStalls());

        try (Sse.RawClient client = new Sse.RawClient(server.root)) {
            int chunkAt = client.post(STREAM, Api.message(thread, "Hallo")).readUntil("\"Hi\"").indexOf("\"Hi\"");
            String afterChunk = client.readUntil(": heartbeat\n\n").substring(chunkAt);

            assertThat(afterChunk).contains(": heartbeat\n\n");
        }
        assertThat(silent.lastCompletion().awaitClosed(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void shouldCloseTheUpstreamAndPersistInterruptedWhenTheClientLeavesWhileTheUpstreamIsSilent() throws Exception {
        String thread = api.conversation(role());
        ScriptedLlmStream silent = server.llm.script(ScriptedLlmStream.thatStreams("Teil").thenStalls());

        try (Sse.RawClient client = new Sse.RawClient(server.root)) {
            client.post(STREAM, Api.message(thread, "Hallo")).readUntil("\"Teil\"");
        }

        assertThat(silent.lastCompletion().awaitClosed(Duration.ofSeconds(5))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> answer(thread) != null);
        assertThat(answer(thread).status()).isEqualTo(MessageStatus.INTERRUPTED);
        assertThat(answer(thread).content()).isEqualTo("Teil");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.core.activeStreams().count() == 0);
    }

    @Test
    void shouldDetectAClientThatLeavesBeforeTheFirstChunk() throws Exception {
        String thread = api.conversation(role());
        ScriptedLlmStream silent = server.llm.script(ScriptedLlmStream.thatStreams().thenStalls());

        try (Sse.RawClient client = new Sse.RawClient(server.root)) {
            client.post(STREAM, Api.message(thread, "Hallo")).readUntil("text/event-stream");
        }

        // the close is seen at once: before the LLM was asked (no completion at all) or while it is silent
        await().atMost(Duration.ofSeconds(5)).until(() -> answer(thread) != null);
        assertThat(answer(thread).status()).isEqualTo(MessageStatus.INTERRUPTED);
        assertThat(answer(thread).errorCode()).contains("client_gone");
        for (var completion : silent.completions()) {
            assertThat(completion.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.core.activeStreams().count() == 0);
    }

    @Test
    void shouldEndRunningStreamsWithAShutdownErrorEvent() throws Exception {
        String thread = api.conversation(role());
        server.llm.script(ScriptedLlmStream.thatStreams("Hi").thenStalls());

        try (Sse.RawClient client = new Sse.RawClient(server.root)) {
            client.post(STREAM, Api.message(thread, "Hallo")).readUntil("\"Hi\"");
            server.core.activeStreams().stopAll(io.llmstream.core.port.ErrorCode.Stream.SHUTDOWN, "the server is shutting down");
            String body = Sse.RawResponse.of(client.readAll()).body();

            assertThat(Sse.parse(body).getLast().json().get("code").asText()).isEqualTo("shutdown");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> answer(thread) != null);
        assertThat(answer(thread).status()).isEqualTo(MessageStatus.INTERRUPTED);
    }

    private static Message answer(String thread) {
        return server.store.messagesOf(DialogueRef.conversation(UUID.fromString(thread))).stream()
                .filter(m -> m.role() == MessageRole.ASSISTANT).findFirst().orElse(null);
    }

    private static String role() {
        return "r" + UUID.randomUUID().toString().substring(0, 8);
    }
}
