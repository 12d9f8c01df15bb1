package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.testkit.ScriptedLlmStream;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that closes its connection while the upstream is silent is noticed from the close itself, not from a
 * later failing write: heartbeats are an hour apart here and the upstream stalls, so nothing is ever written
 * after the first chunk, yet the upstream is cancelled and the answer kept as interrupted.
 */
class ClientCloseTest {

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

    @Test
    void shouldCancelTheUpstreamWhenTheClientClosesWhileNothingIsBeingWritten() throws Exception {
        shouldCancelTheUpstreamWhenTheClientLeaves(false);
    }

    @Test
    void shouldCancelTheUpstreamWhenTheClientResetsTheConnection() throws Exception {
        shouldCancelTheUpstreamWhenTheClientLeaves(true);
    }

    private void shouldCancelTheUpstreamWhenTheClientLeaves(boolean reset) throws Exception {
        server.llm.script(ScriptedLlmStream.thatStreams("Hallo").thenStalls());
        String chat = api.chat();

        try (Sse.RawClient client = new Sse.RawClient(server.root)) {
            client.post("/api/sse/" + chat + "/stream", "{\"message\":\"Hallo!\"}").readUntil("Hallo");
            if (reset) {
                client.socket.setSoLinger(true, 0);
            }
        }

        assertThat(server.llm.current().lastCompletion().awaitClosed(Duration.ofSeconds(10)))
                .as("the stalled upstream is cancelled although no write ever fails").isTrue();
        Message answer = await().atMost(Duration.ofSeconds(10)).until(() -> answer(chat), Optional::isPresent).orElseThrow();
        assertThat(answer.status()).isEqualTo(MessageStatus.INTERRUPTED);
        assertThat(answer.errorCode()).contains("client_gone");
        assertThat(answer.content()).isEqualTo("Hallo");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.core.activeStreams().count() == 0);
    }

    @Test
    void shouldCloseTheConnectionOfAFinishedStreamSoTheNextRequestGetsAFreshOne() throws Exception {
        server.llm.script(ScriptedLlmStream.thatStreams("Hallo", " Welt"));
        String chat = api.chat();

        try (Sse.RawClient client = new Sse.RawClient(server.root)) {
            String stream = client.post("/api/sse/" + chat + "/stream", "{\"message\":\"Hallo!\"}", "keep-alive").readAll();

            assertThat(stream).contains("Connection: close").contains("\"type\":\"done\"").endsWith("\r\n0\r\n\r\n");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> answer(chat).isPresent()); // persisted in the background
        assertThat(answer(chat)).get().extracting(Message::status).isEqualTo(MessageStatus.COMPLETE);
        assertThat(server.get("/api/v1/chats/" + chat).statusCode()).isEqualTo(200);
    }

    private static Optional<Message> answer(String chat) {
        return server.store.messagesOf(DialogueRef.chat(UUID.fromString(chat))).stream()
                .filter(m -> m.role() == MessageRole.ASSISTANT).findFirst();
    }
}
