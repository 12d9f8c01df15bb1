package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.media.sse.EventInput;
import org.glassfish.jersey.media.sse.InboundEvent;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole server over real sockets: app in-process, OpenAI-wire upstream, real SSE clients. */
class EndToEndTest {

    @TempDir
    Path dataDir;

    private AppFixture app;

    @BeforeEach
    void start() throws Exception {
        // a client that leaves ends its answer after one second without a client (STREAM_DETACH_GRACE_SECONDS)
        app = new AppFixture(dataDir, Map.of("stream.detach-grace-seconds", "1"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private String streamBody(String threadId, String search) {
        return "{\"thread_id\":\"" + threadId + "\",\"message\":\"Was ist KI?\"" + search + "}";
    }

    @Test
    void shouldStreamAConversationAnswerWithCitationsFromTheKnowledgeBase() throws Exception {
        String[] ids = app.conversationWithKnowledge();

        HttpResponse<String> response = app.post("/api/v1/conversations/message/stream",
                streamBody(ids[1], ",\"search_tool_config\":{\"strategy\":\"two_stage\",\"top_k\":2}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(response.headers().firstValue("X-Accel-Buffering")).contains("no");
        AppFixture.Sse sse = AppFixture.Sse.parse(response.body());
        for (int i = 1; i < sse.ids().size(); i++) {
            assertThat(sse.ids().get(i)).isGreaterThan(sse.ids().get(i - 1));
        }
        JsonNode done = sse.last();
        assertThat(done.get("type").asText()).isEqualTo("done");
        assertThat(done.get("content").asText()).isEqualTo("KI steht für Künstliche Intelligenz [1].").isEqualTo(sse.chunkText());
        assertThat(done.get("threadId").asText()).isEqualTo(ids[1]);
        JsonNode citation = done.get("citations").get(0);
        assertThat(citation.get("content").asText()).contains("Künstliche Intelligenz");
        assertThat(citation.get("metadata").get("documentId").asText()).isEqualTo(ids[0]);
        assertThat(citation.get("score").asDouble()).isBetween(0.0, 1.0);
        // the passages reached the model numbered, and the key went to the upstream, not to the client
        assertThat(app.upstream.bodies().get(0)).contains("[1] ").contains("Künstliche Intelligenz");
        assertThat(response.body()).doesNotContain("sk-test-secret-key");

        // the answer is stored asynchronously, after its done event: await it rather than race it
        awaitTrue(() -> app.json(app.get("/api/v1/conversations/" + ids[1])).get("messages").size() == 2, "the answer to be saved");
        JsonNode thread = app.json(app.get("/api/v1/conversations/" + ids[1]));
        JsonNode answer = thread.get("messages").get(1);
        assertThat(answer.get("role").asText()).isEqualTo("assistant");
        assertThat(answer.get("status").asText()).isEqualTo("complete");
        assertThat(answer.get("content").asText()).isEqualTo(done.get("content").asText());
        assertThat(answer.get("citations").get(0).get("metadata").get("documentId").asText()).isEqualTo(ids[0]);
    }

    @Test
    void shouldStreamAChatToAnIndependentJerseySseClient() throws Exception {
        String chatId = app.json(app.post("/api/v1/chats", "{\"title\":\"Ideen\"}")).get("chat_id").asText();
        Client client = ClientBuilder.newClient();
        List<InboundEvent> events = new ArrayList<>();
        try (EventInput input = client.target(app.uri("/api/sse/" + chatId + "/stream")).request(MediaType.SERVER_SENT_EVENTS_TYPE)
                .post(Entity.json("{\"message\":\"Hallo!\"}"), EventInput.class)) {
            InboundEvent event;
            while ((event = input.read()) != null) {
                events.add(event);
            }
        } finally {
            client.close();
        }

        List<InboundEvent> data = events.stream().filter(e -> !e.isEmpty()).toList();
        assertThat(data).allSatisfy(e -> assertThat(e.getName()).isNull()); // unnamed: EventSource.onmessage sees them
        assertThat(data).extracting(InboundEvent::getId).startsWith("1", "2");
        JsonNode done = AppFixture.JSON.readTree(data.get(data.size() - 1).readData());
        assertThat(done.get("type").asText()).isEqualTo("done");
        assertThat(done.get("chatId").asText()).isEqualTo(chatId);
        assertThat(done.get("citations")).isEmpty();
        // the answer is stored asynchronously: wait for it rather than racing the writer
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> app.json(app.get("/api/v1/chats/" + chatId)).get("messages").size() == 2);
        JsonNode chat = app.json(app.get("/api/v1/chats/" + chatId));
        assertThat(chat.get("messages")).extracting(m -> m.get("status").asText()).containsExactly("complete", "complete");
    }

    @Test
    void shouldAnswerAConversationAsOneJsonObject() throws Exception {
        String[] ids = app.conversationWithKnowledge();

        HttpResponse<String> response = app.post("/api/v1/conversations/message",
                streamBody(ids[1], ",\"search_tool_config\":{\"strategy\":\"single_stage\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = app.json(response);
        assertThat(body.get("thread_id").asText()).isEqualTo(ids[1]);
        assertThat(body.get("message").asText()).isEqualTo("KI steht für Künstliche Intelligenz [1].");
        assertThat(body.get("status").asText()).isEqualTo("complete");
        assertThat(body.get("citations")).isNotEmpty();
    }

    @Test
    void shouldSendHeartbeatsWhileTheUpstreamIsSilent() throws Exception {
        app.upstream.mode(OpenAiWireUpstream.Mode.STALL_AFTER_FIRST);
        String threadId = app.conversationWithKnowledge()[1];

        try (Socket socket = new Socket("127.0.0.1", app.server.port())) {
            socket.setSoTimeout(10_000);
            sendStreamRequest(socket, threadId);
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int heartbeats = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            String line;
            while (heartbeats < 2 && System.nanoTime() < deadline && (line = reader.readLine()) != null) {
                if (line.startsWith(":")) {
                    heartbeats++;
                }
            }
            assertThat(heartbeats).isEqualTo(2);
        }
    }

    @Test
    void shouldCloseTheUpstreamAndPersistInterruptedWhenTheClientDisconnects() throws Exception {
        app.upstream.mode(OpenAiWireUpstream.Mode.STALL_AFTER_FIRST);
        String threadId = app.conversationWithKnowledge()[1];

        try (Socket socket = new Socket("127.0.0.1", app.server.port())) {
            sendStreamRequest(socket, threadId);
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null && !line.contains("\"chunk\"")) {
                // wait for the first chunk
            }
        } // the client hangs up here, while the upstream is silent

        awaitTrue(() -> app.upstream.closedByClient() == 1, "the upstream connection to be closed");
        awaitTrue(() -> lastStatus(threadId).equals("interrupted"), "the answer to be persisted as interrupted");
        assertThat(app.json(app.get("/api/v1/conversations/" + threadId)).get("messages").get(1).get("content").asText())
                .isEqualTo("KI");
    }

    @Test
    void shouldSendOneErrorEventAndPersistTheFailedAnswerWhenTheUpstreamFailsMidStream() throws Exception {
        app.upstream.mode(OpenAiWireUpstream.Mode.FAIL_MID_STREAM);
        String threadId = app.conversationWithKnowledge()[1];

        AppFixture.Sse sse = AppFixture.Sse.parse(app.post("/api/v1/conversations/message/stream", streamBody(threadId, "")).body());

        assertThat(sse.events().stream().filter(e -> !e.get("type").asText().equals("chunk"))).singleElement()
                .satisfies(e -> {
                    assertThat(e.get("type").asText()).isEqualTo("error");
                    assertThat(e.get("code").asText()).isEqualTo("llm_upstream_error");
                    assertThat(e.get("message").asText()).contains("overloaded").doesNotContain("sk-test-secret-key");
                });
        awaitTrue(() -> lastStatus(threadId).equals("failed"), "the answer to be persisted as failed");
        assertThat(app.json(app.get("/api/v1/conversations/" + threadId)).get("messages").get(1).get("content").asText())
                .isEqualTo("KI steht").isEqualTo(sse.chunkText());
    }

    @Test
    void shouldReportAnUpstreamHttpErrorAsAnErrorEvent() throws Exception {
        app.upstream.mode(OpenAiWireUpstream.Mode.HTTP_500);
        String threadId = app.conversationWithKnowledge()[1];

        AppFixture.Sse sse = AppFixture.Sse.parse(app.post("/api/v1/conversations/message/stream", streamBody(threadId, "")).body());

        assertThat(sse.events()).singleElement().satisfies(e -> {
            assertThat(e.get("type").asText()).isEqualTo("error");
            assertThat(e.get("code").asText()).isEqualTo("llm_http_error");
        });
        assertThat(app.upstream.requests()).isGreaterThan(1); // 5xx before the first token is retried
    }

    @Test
    void shouldAnswer404AsJsonBeforeAnySseByteForAnUnknownThread() throws Exception {
        HttpResponse<String> response = app.post("/api/v1/conversations/message/stream", streamBody(UUID.randomUUID().toString(), ""));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode error = app.json(response);
        assertThat(error.get("statusCode").asInt()).isEqualTo(404);
        assertThat(error.get("error").asText()).isEqualTo("Not Found");
        assertThat(app.upstream.requests()).isZero();
    }

    @Test
    void shouldEndRunningStreamsWithAShutdownErrorOnStop() throws Exception {
        app.upstream.mode(OpenAiWireUpstream.Mode.STALL_AFTER_FIRST);
        String threadId = app.conversationWithKnowledge()[1];
        CompletableFuture<HttpResponse<String>> running = app.http.sendAsync(HttpRequest.newBuilder(
                app.uri("/api/v1/conversations/message/stream")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(streamBody(threadId, ""))).build(), HttpResponse.BodyHandlers.ofString());
        awaitTrue(() -> app.server.core().activeStreams().count() == 1, "the stream to run");

        app.server.stop();

        AppFixture.Sse sse = AppFixture.Sse.parse(running.get(20, TimeUnit.SECONDS).body());
        assertThat(sse.last().get("type").asText()).isEqualTo("error");
        assertThat(sse.last().get("code").asText()).isEqualTo("shutdown");
        app.start();
        assertThat(lastStatus(threadId)).isEqualTo("interrupted");
    }

    @Test
    void shouldKeepConversationsAndTheIndexAcrossARestartWithTheEmbeddedDatabase() throws Exception {
        String[] ids = app.conversationWithKnowledge();
        app.post("/api/v1/conversations/message/stream", streamBody(ids[1], ""));
        awaitTrue(() -> app.json(app.get("/api/v1/conversations/" + ids[1])).get("messages").size() == 2, "both messages to be saved");

        app.server.stop();
        app.start();

        assertThat(app.json(app.get("/api/v1/conversations/" + ids[1])).get("messages")).hasSize(2);
        AppFixture.Sse sse = AppFixture.Sse.parse(app.post("/api/v1/conversations/message/stream",
                streamBody(ids[1], ",\"search_tool_config\":{\"strategy\":\"single_stage\",\"top_k\":1}")).body());
        assertThat(sse.last().get("citations").get(0).get("metadata").get("documentId").asText()).isEqualTo(ids[0]);
    }

    @Test
    void shouldServeHealthMetricsAndOpenApi() throws Exception {
        app.conversationWithKnowledge();

        assertThat(app.get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = app.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("database").contains("index");
        String metrics = app.get("/metrics").body();
        assertThat(metrics).contains("llmstream_http_requests_total").contains("llmstream_streams_active");
        assertThat(metrics).doesNotContain("sk-test-secret-key");
        assertThat(app.json(app.get("/openapi.json")).get("openapi").asText()).startsWith("3.");
    }

    private String lastStatus(String threadId) {
        try {
            JsonNode messages = app.json(app.get("/api/v1/conversations/" + threadId)).get("messages");
            return messages.size() < 2 ? "" : messages.get(messages.size() - 1).get("status").asText();
        } catch (Exception e) {
            return "";
        }
    }

    private void sendStreamRequest(Socket socket, String threadId) throws Exception {
        byte[] body = streamBody(threadId, "").getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/conversations/message/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
