package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.testkit.ScriptedLlmStream;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.glassfish.jersey.media.sse.EventInput;
import org.glassfish.jersey.media.sse.InboundEvent;
import org.glassfish.jersey.media.sse.SseFeature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/sse/{chatId}/stream}: exact bytes over a raw socket (heartbeats too rare to interleave) and
 * Jersey's SSE client as an independent parser.
 */
class ChatStreamTest {

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(Duration.ofHours(1));
        api = new Api(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetScript() {
        server.llm.script(ScriptedLlmStream.thatStreams("Hallo", "!\nWie geht's?"));
    }

    @Test
    void shouldWriteExactlyTheContractedBytes() throws Exception {
        String chat = api.chat();

        try (Sse.RawClient client = new Sse.RawClient(server.root)) {
            Sse.RawResponse response = Sse.RawResponse.of(
                    client.post("/api/sse/" + chat + "/stream", "{\"message\":\"Hallo!\"}").readAll());

            assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(response.headers()).containsEntry("content-type", "text/event-stream")
                    .containsEntry("cache-control", "no-cache").containsEntry("x-accel-buffering", "no")
                    .containsEntry("transfer-encoding", "chunked").doesNotContainKeys("content-encoding", "content-length");
            String messageId = answer(chat).id().toString();
            String streamId = response.headers().get("x-stream-id");
            assertThat(response.headers()).containsEntry("content-location", "/api/v1/streams/" + streamId + "/events");
            assertThat(response.body()).isEqualTo(
                    "retry: 2000\n\n"
                    + "id: 1\ndata: {\"type\":\"chunk\",\"content\":\"Hallo\",\"chatId\":\"" + chat + "\"}\n\n"
                    + "id: 2\ndata: {\"type\":\"chunk\",\"content\":\"!\\nWie geht's?\",\"chatId\":\"" + chat + "\"}\n\n"
                    + "id: 3\ndata: {\"type\":\"done\",\"content\":\"Hallo!\\nWie geht's?\",\"chatId\":\"" + chat
                    + "\",\"citations\":[],\"retrieved\":[],\"messageId\":\"" + messageId
                    + "\",\"usage\":{\"promptTokens\":12,\"completionTokens\":7,\"totalTokens\":19},"
                    + "\"provider\":\"scripted\",\"model\":\"scripted-model\",\"streamId\":\"" + streamId
                    + "\",\"status\":\"complete\"}\n\n");
        }
    }

    @Test
    void shouldBeReadableByJerseysSseClient() {
        String chat = api.chat();
        Client client = ClientBuilder.newBuilder().register(SseFeature.class).build();
        List<InboundEvent> events = new ArrayList<>();
        try (Response response = client.target(server.uri("/api/sse/" + chat + "/stream")).request("text/event-stream")
                .post(Entity.json("{\"message\":\"Hallo!\",\"model\":\"gpt-4\",\"provider\":\"scripted\"}"))) {
            EventInput input = response.readEntity(EventInput.class);
            for (InboundEvent event = input.read(); event != null; event = input.read()) {
                events.add(event);
            }
        } finally {
            client.close();
        }

        assertThat(events.get(0).getReconnectDelay()).as("the retry: field").isEqualTo(2000);
        events.removeIf(InboundEvent::isEmpty);
        assertThat(events).extracting(InboundEvent::getName).containsOnlyNulls();
        assertThat(events).extracting(InboundEvent::getId).containsExactly("1", "2", "3");
        assertThat(Sse.json(events.get(2).readData()).get("type").asText()).isEqualTo("done");
        assertThat(Sse.json(events.get(2).readData()).get("chatId").asText()).isEqualTo(chat);
        assertThat(server.llm.current().lastCompletion().request().model()).hasValue("gpt-4");
    }

    @Test
    void shouldAnswer404JsonWhenTheChatIsUnknown() {
        HttpResponse<String> response = server.postJson("/api/sse/" + UUID.randomUUID() + "/stream", "{\"message\":\"Hi\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Sse.json(response.body()).get("error").asText()).isEqualTo("Not Found");
    }

    @Test
    void shouldAnswer404WhenTheChatIdIsNotAnId() {
        HttpResponse<String> response = server.postJson("/api/sse/not-a-uuid/stream", "{\"message\":\"Hi\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Sse.json(response.body()).get("message").asText()).isEqualTo("Chat 'not-a-uuid' not found");
    }

    @Test
    void shouldAnswer400NamingTheMessageWhenItIsMissing() {
        HttpResponse<String> response = server.postJson("/api/sse/" + api.chat() + "/stream", "{\"model\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Sse.json(response.body()).get("message").asText()).isEqualTo("message is required");
    }

    private static Message answer(String chat) {
        return server.store.messagesOf(DialogueRef.chat(UUID.fromString(chat))).stream()
                .filter(m -> m.role() == MessageRole.ASSISTANT).findFirst().orElse(null);
    }
}
