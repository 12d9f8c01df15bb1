package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node A is a separate JVM, killed with SIGKILL while it generates; node B (in this JVM) notices when A's lease
 * lapses, ends the stream with {@code node_lost} for its subscriber and stores the text so far as interrupted.
 */
class NodeLossEndToEndTest {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/api");

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    private TwoNodes shared;
    private OpenAiWireUpstream upstreamOfA;
    private Process nodeA;
    private AppFixture nodeB;
    private final List<String> outputOfA = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        shared = TwoNodes.require();
        upstreamOfA = new OpenAiWireUpstream().answering(IntStream.range(0, 400).mapToObj(i -> " Wort" + i).toList(), Duration.ofMillis(25));
    }

    @AfterEach
    void stop() throws Exception {
        if (nodeA != null) {
            nodeA.destroyForcibly();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        upstreamOfA.close();
        if (shared != null) {
            shared.close();
        }
    }

    @Test
    void shouldEndTheStreamOfAKilledNodeWithNodeLostAndStoreItsTextSoFarAsInterrupted() throws Exception {
        int portOfA = startNodeA();
        nodeB = shared.start(dirB, "node-b", Map.of("stream.lease-seconds", "2"));
        URI a = URI.create("http://127.0.0.1:" + portOfA + "/");
        JsonNode chat = AppFixture.JSON.readTree(send(HttpRequest.newBuilder(a.resolve("api/v1/chats"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build()));
        try (SseClient onA = SseClient.post(a.resolve("api/sse/" + chat.get("chat_id").asText() + "/stream"), "{\"message\":\"Erzähl\"}")) {
            for (int i = 0; i < 4; i++) {
                onA.next();
            }
            String streamId = onA.streamId();
            try (SseClient onB = SseClient.get(nodeB.uri("/api/v1/streams/" + streamId + "/events"), onA.seen().getLast().id())) {
                onB.next();

                nodeA.destroyForcibly(); // SIGKILL: no shutdown hook, no final event
                assertThat(nodeA.waitFor(10, TimeUnit.SECONDS)).isTrue();
                SseClient.Event end = onB.untilFinal();

                assertThat(end.type()).isEqualTo("error");
                assertThat(end.data().get("code").asText()).isEqualTo("node_lost");
                String text = onA.chunkText() + onB.chunkText();
                JsonNode stream = nodeB.json(nodeB.get("/api/v1/streams/" + streamId));
                assertThat(stream.get("status").asText()).isEqualTo("interrupted");
                String messageId = stream.get("message_id").asText();
                await().atMost(Duration.ofSeconds(20)).until(() -> "interrupted".equals(
                        shared.scalar("SELECT status FROM messages WHERE id = '" + messageId + "'")));
                assertThat(shared.scalar("SELECT content FROM messages WHERE id = '" + messageId + "'")).isEqualTo(text);
                assertThat(shared.scalar("SELECT error_code FROM messages WHERE id = '" + messageId + "'")).isEqualTo("node_lost");
            }
        }
    }

    /** Starts node A in its own JVM on the shared database and Redis; @return its port */
    private int startNodeA() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        shared.node("node-a", Map.of("data.dir", dirA.toString(), "http.port", "0", "stream.lease-seconds", "2",
                "openai.base-url", upstreamOfA.baseUrl(), "openai.api-key", "sk-test", "rate-limit.per-minute", "0"))
                .forEach((key, value) -> env.put(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        nodeA = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(nodeA.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    outputOfA.add(line);
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        port.complete(Integer.parseInt(listening.group(1)));
                    }
                }
            } catch (java.io.IOException e) {
                // the process was killed
            }
            port.completeExceptionally(new AssertionError("node A did not start: " + outputOfA));
        });
        return port.get(120, TimeUnit.SECONDS);
    }

    private static String send(HttpRequest request) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
            return response.body();
        }
    }
}
