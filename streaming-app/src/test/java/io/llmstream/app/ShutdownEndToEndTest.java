package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping is prompt when nothing runs, whatever clients did before; running streams get the grace period. */
class ShutdownEndToEndTest {

    @TempDir
    Path dataDir;
    private AppFixture app;

    @BeforeEach
    void start() throws Exception {
        app = new AppFixture(dataDir, Map.of("shutdown.grace-seconds", "10", "stream.detach-grace-seconds", "0"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void shouldStopWithinASecondAfterClientsAbortedTheirStreams() throws Exception {
        app.upstream.mode(OpenAiWireUpstream.Mode.STALL_AFTER_FIRST);
        String threadId = app.conversationWithKnowledge()[1];
        for (int i = 0; i < 5; i++) {
            try (Socket socket = new Socket("127.0.0.1", app.server.port())) {
                sendStreamRequest(socket, threadId);
                awaitFirstChunk(socket);
            } // the client leaves mid-stream
            // one answer at a time per thread: the next request waits until this one has ended
            await().atMost(Duration.ofSeconds(10)).until(() -> app.server.core().activeStreams().count() == 0);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> app.server.core().activeStreams().count() == 0);
        try (Socket idle = new Socket("127.0.0.1", app.server.port())) {
            keepAlive(idle); // and one idle keep-alive connection stays open

            long start = System.nanoTime();
            app.server.stop();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(idle.getInputStream().read()).as("the idle connection is closed").isEqualTo(-1);
        }
    }

    @Test
    void shouldLetARunningStreamFinishWithinTheGracePeriod() throws Exception {
        app.upstream.answering(List.of("Eins", " zwei", " drei", " vier", " fünf"), Duration.ofMillis(300));
        String threadId = app.conversationWithKnowledge()[1];
        CompletableFuture<HttpResponse<String>> running = app.http.sendAsync(HttpRequest.newBuilder(
                app.uri("/api/v1/conversations/message/stream")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(threadId))).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> app.server.core().activeStreams().count() == 1);

        app.server.stop();

        AppFixture.Sse sse = AppFixture.Sse.parse(running.get(10, TimeUnit.SECONDS).body());
        assertThat(sse.last().get("type").asText()).isEqualTo("done");
        assertThat(sse.last().get("content").asText()).isEqualTo("Eins zwei drei vier fünf");
    }

    private static String body(String threadId) {
        return "{\"thread_id\":\"" + threadId + "\",\"message\":\"Was ist KI?\"}";
    }

    private static void sendStreamRequest(Socket socket, String threadId) throws Exception {
        byte[] body = body(threadId).getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/conversations/message/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static void awaitFirstChunk(Socket socket) throws Exception {
        socket.setSoTimeout(10_000);
        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null && !line.contains("\"chunk\"")) {
            // read up to the first chunk
        }
    }

    private static void keepAlive(Socket socket) throws Exception {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        int length = 0;
        String line;
        while (!(line = reader.readLine()).isEmpty()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        for (int i = 0; i < length; i++) {
            reader.read();
        }
    }
}
