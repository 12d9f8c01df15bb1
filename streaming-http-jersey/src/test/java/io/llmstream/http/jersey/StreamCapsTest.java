package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmstream.testkit.ScriptedLlmStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrent streams are capped per owner and in all, over real sockets; a refusal is 429 JSON, never SSE. */
class StreamCapsTest {

    private TestServer server;
    private final List<Socket> open = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = new TestServer(HttpSettings.defaults().withHeartbeatInterval(Duration.ofHours(1)).withStreamCaps(2, 3),
                b -> b.authenticator(request -> request.header("X-Test-User").orElse("nobody")));
        server.llm.script(ScriptedLlmStream.thatStreams("Hallo").thenStalls());
    }

    @AfterEach
    void stopServer() throws Exception {
        for (Socket socket : open) {
            socket.close();
        }
        // end the stalled streams now, and see their subscriber threads end before the server goes
        server.core.activeStreams().stopAll(io.llmstream.core.port.ErrorCode.Stream.SHUTDOWN, "the test is over");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.sseStreams.runningSubscribers() == 0);
        server.close();
    }

    @Test
    void shouldRefuseAThirdStreamOfOneUserWith429BeforeAnySseByte() throws Exception {
        startStream("alice", chat("alice"));
        startStream("alice", chat("alice"));

        String refused = exchange("alice", chat("alice"));

        assertThat(refused).startsWith("HTTP/1.1 429 ");
        assertThat(refused).contains("Content-Type: application/json").doesNotContain("text/event-stream")
                .doesNotContain("data:").contains("\"statusCode\":429").contains("at most 2 per user");
        assertThat(server.core.activeStreams().count()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAStreamOverTheServersCapWhateverTheUser() throws Exception {
        startStream("alice", chat("alice"));
        startStream("alice", chat("alice"));
        startStream("bob", chat("bob"));

        assertThat(exchange("carol", chat("carol"))).startsWith("HTTP/1.1 429 ").contains("at most 3");
    }

    @Test
    void shouldGiveTheSlotBackWhenAStreamEnds() throws Exception {
        String chat = chat("alice");
        Socket first = startStream("alice", chat);
        startStream("alice", chat("alice"));

        first.close(); // the only client leaves; with no detach grace the stream ends at once
        await().atMost(Duration.ofSeconds(10)).until(() -> server.core.activeStreams().count() == 1);
        server.llm.script(ScriptedLlmStream.thatStreams("Wieder", " da"));

        String again = exchange("alice", chat);
        assertThat(again).startsWith("HTTP/1.1 200 ").contains("\"type\":\"done\"");
    }

    private String chat(String user) throws Exception {
        HttpResponse<String> response = server.http.send(HttpRequest.newBuilder(server.uri("/api/v1/chats"))
                .header("X-Test-User", user).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return Sse.json(response.body()).get("chat_id").asText();
    }

    /** Opens a stream and waits for its first chunk; the socket stays open (the LLM stalls). */
    private Socket startStream(String user, String chat) throws IOException {
        Socket socket = send(user, chat);
        open.add(socket);
        String received = read(socket.getInputStream(), "\"type\":\"chunk\"");
        assertThat(received).startsWith("HTTP/1.1 200 ");
        return socket;
    }

    /** A whole exchange: everything the server answered until it closed the connection. */
    private String exchange(String user, String chat) throws IOException {
        try (Socket socket = send(user, chat)) {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Socket send(String user, String chat) throws IOException {
        Socket socket = new Socket(server.root.getHost(), server.root.getPort());
        socket.setSoTimeout(10_000);
        byte[] body = "{\"message\":\"Hallo!\"}".getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/sse/" + chat + "/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Test-User: " + user
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    private static String read(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!received.toString(StandardCharsets.UTF_8).contains(marker)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the connection ended before '" + marker + "'; got: " + received);
            }
            received.write(buffer, 0, n);
        }
        return received.toString(StandardCharsets.UTF_8);
    }
}
