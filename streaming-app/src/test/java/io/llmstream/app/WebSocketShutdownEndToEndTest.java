package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graceful shutdown with open WebSockets: each gets 1001 when its streams have ended, and stopping stays prompt. */
class WebSocketShutdownEndToEndTest {

    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    Path dataDir;
    private AppFixture app;

    @BeforeEach
    void start() throws Exception {
        app = new AppFixture(dataDir, Map.of("shutdown.grace-seconds", Long.toString(GRACE.toSeconds()),
                "stream.detach-grace-seconds", "30"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void shouldCloseWebSocketsWith1001AndStoreTheirRunningAnswersAsInterruptedWithinTheGracePeriod() throws Exception {
        app.upstream.mode(OpenAiWireUpstream.Mode.STALL_AFTER_FIRST);
        String threadId = app.conversationWithKnowledge()[1];
        try (Client idle = Client.connect(app); Client streaming = Client.connect(app)) {
            streaming.send("{\"type\":\"conversation.send\",\"thread_id\":\"" + threadId + "\",\"message\":\"Was ist KI?\"}");
            String streamId = streaming.next("stream.started").get("stream_id").asText();
            assertThat(streaming.next("chunk").get("content").asText()).isEqualTo("KI");

            long start = System.nanoTime();
            app.server.stop();
            Duration stopping = Duration.ofNanos(System.nanoTime() - start);

            assertThat(idle.closed.get(1, TimeUnit.SECONDS)).as("the idle connection, at once").isEqualTo(1001);
            assertThat(Duration.ofNanos(idle.closedAt - start)).as("the idle connection's close, long before the grace is over")
                    .isLessThan(Duration.ofSeconds(1));
            JsonNode last = streaming.next("error");
            assertThat(last.get("stream_id").asText()).isEqualTo(streamId);
            assertThat(last.get("code").asText()).isEqualTo("shutdown");
            assertThat(streaming.closed.get(1, TimeUnit.SECONDS)).as("after its stream's last event").isEqualTo(1001);
            assertThat(stopping).isLessThan(GRACE.plusSeconds(3));
        }
        app.start();
        JsonNode answer = app.json(app.get("/api/v1/conversations/" + threadId)).get("messages").get(1);
        assertThat(answer.get("status").asText()).isEqualTo("interrupted");
        assertThat(answer.get("content").asText()).isEqualTo("KI");
    }

    /** The JDK's WebSocket client, collecting frames and the close code. */
    private static final class Client implements WebSocket.Listener, AutoCloseable {
        private final HttpClient http = HttpClient.newHttpClient();
        private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private volatile long closedAt;
        private WebSocket socket;

        static Client connect(AppFixture app) throws Exception {
            Client client = new Client();
            URI ws = URI.create(app.uri("/api/v1/ws").toString().replaceFirst("^http", "ws"));
            client.socket = client.http.newWebSocketBuilder().buildAsync(ws, client).get(10, TimeUnit.SECONDS);
            return client;
        }

        void send(String json) {
            socket.sendText(json, true).join();
        }

        JsonNode next(String type) throws Exception {
            while (true) {
                JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
                assertThat(frame).as("a %s frame", type).isNotNull();
                if (type.equals(frame.path("type").asText())) {
                    return frame;
                }
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(AppFixture.JSON.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedAt = System.nanoTime();
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        @Override
        public void close() {
            socket.abort();
            http.close();
        }
    }
}
